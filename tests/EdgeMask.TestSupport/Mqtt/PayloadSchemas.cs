using System.Collections.Concurrent;
using System.Text.Json;
using EdgeMask.TestSupport;
using Json.Schema;
using Xunit;

namespace EdgeMask.TestSupport.Mqtt;

/// <summary>Validates payloads against the versioned schemas in docs/mqtt/v2.</summary>
public static class PayloadSchemas
{
    public const string Event = "event.schema.json";
    public const string State = "state.schema.json";
    public const string Stats = "stats.schema.json";
    public const string Summary = "summary.schema.json";
    public const string Command = "command.schema.json";
    public const string Discovery = "ha-discovery.schema.json";

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static readonly Lock BuildLock = new();

    public static string Directory => Path.Combine(RepoPaths.Root, "docs", "mqtt", "v2");

    public static void AssertValid(string schemaFile, string json)
    {
        var schema = Load(schemaFile);
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var errors = string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation}: {e.Key}: {e.Value}")));
            Assert.Fail($"Payload does not match {schemaFile}:\n{errors}\npayload: {json}");
        }
    }

    public static bool IsValid(string schemaFile, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Load(schemaFile).Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    private static JsonSchema Load(string schemaFile)
    {
        lock (BuildLock)
        {
            return Schemas.GetOrAdd(schemaFile, file => JsonSchema.FromFile(Path.Combine(Directory, file)));
        }
    }
}
