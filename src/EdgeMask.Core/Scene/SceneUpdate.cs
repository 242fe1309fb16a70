namespace EdgeMask.Core.Scene;

/// <summary>The result of analysing one frame: who is in view, what is wrong now, and what changed.</summary>
/// <param name="Summary">Set on the frame that closes a summary period, otherwise null.</param>
public sealed record SceneUpdate(
    long FrameSequence,
    DateTimeOffset Timestamp,
    SceneState State,
    IReadOnlyList<TrackedPerson> People,
    IReadOnlyList<IncidentEvent> Events,
    PeriodSummary? Summary = null);
