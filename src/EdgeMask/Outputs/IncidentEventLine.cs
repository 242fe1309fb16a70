using System.Text.Json.Serialization;
using EdgeMask.Core.Scene;

namespace EdgeMask.Outputs;

/// <summary>One line of an events.jsonl file written by <c>edgemask replay --events</c>.</summary>
public sealed record IncidentEventLine(
    [property: JsonPropertyName("frame")] long Frame,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("incident_id")] Guid IncidentId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("track_ids")] IReadOnlyList<int> TrackIds,
    [property: JsonPropertyName("best_confidence")] double BestConfidence,
    [property: JsonPropertyName("worst_distance")] double? WorstDistance,
    [property: JsonPropertyName("distance_unit")] string? DistanceUnit)
{
    public static IncidentEventLine From(long frame, IncidentEvent incident) => new(
        frame,
        incident.At,
        incident.IncidentId,
        incident.Kind == IncidentKind.NoMask ? "no_mask" : "too_close",
        incident.Phase.ToString().ToLowerInvariant(),
        incident.StartedAt,
        incident.TrackIds,
        Math.Round(incident.BestConfidence, 4),
        incident.WorstDistance is { } d ? Math.Round(d, 3) : null,
        incident.DistanceUnit);
}

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IncidentEventLine))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
