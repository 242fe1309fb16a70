using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Faces;

/// <summary>One face in one frame: where it is and what the classifier said.</summary>
public sealed record FaceObservation(PixelBox Box, float DetectionScore, MaskPrediction Mask);
