using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeMask.Web.Health;

/// <summary>/healthz body: overall status, each check's status and reason, and the reasons for anything unhealthy.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthBody(
            report.Status.ToString().ToLowerInvariant(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntryBody(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description ?? string.Empty)),
            report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}").ToArray());
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, WebJsonContext.Default.HealthBody));
    }
}

internal sealed record HealthBody(string Status, IReadOnlyDictionary<string, HealthEntryBody> Checks, IReadOnlyList<string> Reasons);

internal sealed record HealthEntryBody(string Status, string Description);
