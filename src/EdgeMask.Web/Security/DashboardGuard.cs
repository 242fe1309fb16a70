using Microsoft.AspNetCore.Http;

namespace EdgeMask.Web.Security;

/// <summary>
/// In front of every request: security headers, HTTP Basic authentication when credentials are configured
/// (everything but /healthz, which monitors poll), and a same-origin check on requests that change something.
/// </summary>
internal sealed class DashboardGuard(DashboardCredentials? credentials)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        if (credentials is not null && context.Request.Path != "/healthz" && !credentials.Accepts(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            headers.WWWAuthenticate = "Basic realm=\"EdgeMask\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !SameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("cross-origin request refused");
        }

        return next(context);
    }

    // Browsers send Origin with every POST; a request from another site's page names that site.
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
