namespace EdgeMask.Mqtt;

/// <summary>Periodic health figures on {prefix}/stats (docs/mqtt/v2/stats.schema.json).</summary>
/// <param name="CpuTemperatureCelsius">Hottest /sys/class/thermal zone; null where none is readable.</param>
/// <param name="OutboxDropped">Events dropped because the outbox was full, since start.</param>
public sealed record StatsPayload(
    int SchemaVersion,
    string DeviceId,
    DateTimeOffset At,
    string Version,
    double UptimeSeconds,
    string Camera,
    double CameraFps,
    double ProcessedFps,
    long FramesCaptured,
    long FramesProcessed,
    long FramesDropped,
    double DetectionMs,
    double InferenceMsPerFace,
    int OutboxDepth,
    long OutboxBytes,
    long OutboxDropped,
    double ProcessCpuPercent,
    long ProcessRssBytes,
    double? CpuTemperatureCelsius,
    long MqttReconnects);
