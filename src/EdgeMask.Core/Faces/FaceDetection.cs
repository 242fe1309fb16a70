using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Faces;

/// <summary>A face found by a detector, in full-resolution frame pixels.</summary>
/// <param name="Box">The face rectangle.</param>
/// <param name="Score">Detector confidence in [0, 1]; Haar cascades report 1.</param>
public sealed record FaceDetection(PixelBox Box, float Score);
