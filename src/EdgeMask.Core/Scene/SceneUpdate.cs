namespace EdgeMask.Core.Scene;

/// <summary>The result of analysing one frame: who is in view, what is wrong now, and what changed.</summary>
public sealed record SceneUpdate(
    long FrameSequence,
    DateTimeOffset Timestamp,
    SceneState State,
    IReadOnlyList<TrackedPerson> People,
    IReadOnlyList<IncidentEvent> Events);
