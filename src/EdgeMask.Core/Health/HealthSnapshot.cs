namespace EdgeMask.Core.Health;

/// <summary>A consistent copy of <see cref="PipelineHealth"/> at one instant.</summary>
public sealed record HealthSnapshot(
    DateTimeOffset At,
    TimeSpan Uptime,
    CameraState Camera,
    string CameraDetail,
    long CameraReconnects,
    double CameraFps,
    double ProcessedFps,
    long FramesCaptured,
    long FramesProcessed,
    long FramesDropped,
    double DetectionMs,
    double InferenceMsPerFace,
    int FacesInLastFrame,
    IReadOnlyDictionary<string, string> Components);
