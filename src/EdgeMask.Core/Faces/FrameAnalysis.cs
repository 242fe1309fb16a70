namespace EdgeMask.Core.Faces;

/// <summary>Everything the vision stages found in one frame; the input of scene logic.</summary>
public sealed record FrameAnalysis(
    long Sequence,
    DateTimeOffset Timestamp,
    int FrameWidth,
    int FrameHeight,
    IReadOnlyList<FaceObservation> Faces);
