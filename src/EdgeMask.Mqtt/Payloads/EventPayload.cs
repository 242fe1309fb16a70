using EdgeMask.Core.Scene;

namespace EdgeMask.Mqtt;

/// <summary>One incident event on {prefix}/events (docs/mqtt/v2/event.schema.json).</summary>
/// <param name="EventId">Unique per event and stable across redeliveries: consumers drop repeats by it.</param>
/// <param name="Sequence">Monotonic per device, continued across restarts; gaps mean dropped events.</param>
/// <param name="RecordedAt">When the event entered the outbox.</param>
/// <param name="Confidence">Best verdict confidence seen during the incident, in [0, 1].</param>
/// <param name="Distance">Smallest distance between the people involved; null for mask incidents.</param>
/// <param name="DistanceUnit">"m", "px", or null with no distance.</param>
/// <param name="Snapshot">Id of the incident's snapshot picture (the dashboard serves /api/snapshots/{id}.jpg); null when snapshots are off.</param>
public sealed record EventPayload(
    int SchemaVersion,
    Guid EventId,
    long Sequence,
    string DeviceId,
    Guid IncidentId,
    string Kind,
    string Phase,
    DateTimeOffset StartedAt,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    IReadOnlyList<int> TrackIds,
    double Confidence,
    double? Distance,
    string? DistanceUnit,
    string? Snapshot)
{
    /// <param name="snapshots">Whether incident snapshots are kept; each incident's snapshot id is derived from its id.</param>
    public static EventPayload From(IncidentEvent incident, long sequence, Guid eventId, string deviceId, DateTimeOffset recordedAt, bool snapshots) => new(
        PayloadSchema.Version,
        eventId,
        sequence,
        deviceId,
        incident.IncidentId,
        KindName(incident.Kind),
        PhaseName(incident.Phase),
        incident.StartedAt,
        incident.At,
        recordedAt,
        incident.TrackIds,
        incident.BestConfidence,
        incident.WorstDistance,
        incident.WorstDistance is null ? null : incident.DistanceUnit,
        snapshots ? SnapshotIds.Of(incident.IncidentId) : null);

    /// <summary>The payload as published on {prefix}/events (snake_case JSON, one line).</summary>
    public byte[] ToJsonUtf8() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, MqttJsonContext.Default.EventPayload);

    public static string KindName(IncidentKind kind) => kind switch
    {
        IncidentKind.NoMask => "no_mask",
        IncidentKind.TooClose => "too_close",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown incident kind."),
    };

    public static string PhaseName(IncidentPhase phase) => phase switch
    {
        IncidentPhase.Start => "start",
        IncidentPhase.Update => "update",
        IncidentPhase.End => "end",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown incident phase."),
    };
}
