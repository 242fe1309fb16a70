using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Faces;

/// <summary>A face found by a detector, in full-resolution frame pixels.</summary>
/// <param name="Box">The face rectangle.</param>
/// <param name="Score">Detector confidence in [0, 1]; Haar cascades report 1.</param>
/// <param name="Landmarks">Eyes, nose tip and mouth corners when the detector finds them (YuNet does, Haar does not).</param>
public sealed record FaceDetection(PixelBox Box, float Score, FaceLandmarks? Landmarks = null)
{
    /// <summary>
    /// Maps the face from an image scaled by <paramref name="factor"/> and placed at (<paramref name="offsetX"/>,
    /// <paramref name="offsetY"/>) into that image's parent, e.g. from a search window back into the frame.
    /// </summary>
    public FaceDetection Transform(double factor, int offsetX, int offsetY)
    {
        var box = Box.Scale(factor);
        return new FaceDetection(
            box with { X = box.X + offsetX, Y = box.Y + offsetY },
            Score,
            Landmarks?.Transform(factor, offsetX, offsetY));
    }
}
