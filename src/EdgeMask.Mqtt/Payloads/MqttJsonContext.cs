using System.Text.Json.Serialization;

namespace EdgeMask.Mqtt;

/// <summary>Source-generated snake_case JSON for every payload (no reflection; small and fast on a Pi).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(StatePayload))]
[JsonSerializable(typeof(StatsPayload))]
[JsonSerializable(typeof(SummaryPayload))]
internal sealed partial class MqttJsonContext : JsonSerializerContext;
