using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Faces;

/// <summary>One face in one frame: where it is and what the classifier said.</summary>
/// <param name="Landmarks">The detector's five face points, when it has them.</param>
public sealed record FaceObservation(PixelBox Box, float DetectionScore, MaskPrediction Mask, FaceLandmarks? Landmarks = null)
{
    /// <summary>A detected face with the classifier's answer for it.</summary>
    public FaceObservation(FaceDetection detection, MaskPrediction mask)
        : this(detection.Box, detection.Score, mask, detection.Landmarks)
    {
    }
}
