namespace EdgeMask.Mqtt;

/// <summary>The retained current state on {prefix}/state (docs/mqtt/v2/state.schema.json).</summary>
/// <param name="Camera">"online", "offline" or "starting".</param>
/// <param name="MinConfidence">Runtime override of the mask confidence threshold; null = configured value.</param>
/// <param name="MinDistanceMeters">Runtime override of the minimum distance; null = configured value.</param>
/// <param name="LastCommand">Acknowledgement of the last command received; null before the first.</param>
/// <param name="EffectiveMinConfidence">The confidence threshold in force (override or configured); null where unknown.</param>
/// <param name="EffectiveMinDistanceMeters">The minimum distance in force, metres; null where unknown.</param>
public sealed record StatePayload(
    int SchemaVersion,
    string DeviceId,
    DateTimeOffset At,
    string MaskViolation,
    string DistanceViolation,
    int PeopleInView,
    string Camera,
    string BuzzerMuted,
    string DetectionPaused,
    double? MinConfidence,
    double? MinDistanceMeters,
    CommandAck? LastCommand,
    double? EffectiveMinConfidence = null,
    double? EffectiveMinDistanceMeters = null)
{
    /// <summary>True when the two differ in anything but the time stamp.</summary>
    public bool DiffersFrom(StatePayload? other) => other is null || this with { At = default } != other with { At = default };
}

/// <summary>The outcome of one command: applied (Ok) or rejected with the reason.</summary>
/// <param name="Command">The command name ("buzzer_muted", ...) or "" for a JSON command that named none.</param>
/// <param name="Topic">Where the command arrived.</param>
/// <param name="RequestId">The "request_id" of a JSON command, echoed so the sender can match its ack.</param>
public sealed record CommandAck(string Command, string Topic, bool Ok, string? Error, DateTimeOffset At, string? RequestId);
