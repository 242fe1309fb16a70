using System.Text;
using Microsoft.AspNetCore.Http;

namespace EdgeMask.Web.Api;

/// <summary>
/// Reads a control request's JSON body. Only application/json is accepted: a browser cannot send that to another
/// site without the site agreeing (CORS), so a page elsewhere cannot press the dashboard's buttons.
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<(string? Text, IResult? Problem)> ReadJsonTextAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Results.Text("send the command as Content-Type: application/json", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, Results.Text($"body larger than {MaxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > MaxBytes)
            {
                return (null, Results.Text($"body larger than {MaxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge));
            }
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Results.Text("body is not valid UTF-8", statusCode: StatusCodes.Status400BadRequest));
        }
    }
}
