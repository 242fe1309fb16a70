using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene;

/// <summary>A face followed across frames, with its stable verdict and, when known, its position in metres.</summary>
/// <param name="TrackId">Stable id while the person stays in view.</param>
/// <param name="Box">Latest face box in frame pixels.</param>
/// <param name="Verdict">Mask verdict decided over a window of frames.</param>
/// <param name="VerdictConfidence">Confidence of the verdict in [0, 1].</param>
/// <param name="PositionMeters">Camera-frame position (X right, Y down, Z forward) in metres; null in pixel mode.</param>
/// <param name="InViolation">True when this person is part of an active incident.</param>
public sealed record TrackedPerson(
    int TrackId,
    PixelBox Box,
    MaskStatus Verdict,
    float VerdictConfidence,
    Point3? PositionMeters,
    bool InViolation);
