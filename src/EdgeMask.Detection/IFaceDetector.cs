using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>Finds faces in a full-resolution BGR frame.</summary>
/// <remarks>Called from the frame loop only; implementations may keep scratch buffers between calls.</remarks>
public interface IFaceDetector : IDisposable
{
    /// <returns>Face boxes in full-resolution frame pixels.</returns>
    IReadOnlyList<FaceDetection> Detect(Mat bgrFrame);
}
