using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// A detector that can be told which face sizes to look for. A search around a face of known size then skips the
/// scales the face cannot have, which for a cascade are the expensive ones (small faces mean big pyramid levels).
/// </summary>
internal interface IFaceSizeRangeDetector : IFaceDetector
{
    /// <param name="bgrFrame">The image to search, in its own pixels: BGR, BGRA or already grey.</param>
    /// <param name="minFaceSizePixels">Smallest face width to report, in pixels of <paramref name="bgrFrame"/>.</param>
    /// <param name="maxFaceSizePixels">Largest face width to report, in pixels of <paramref name="bgrFrame"/>; 0 = no limit.</param>
    IReadOnlyList<FaceDetection> Detect(Mat bgrFrame, int minFaceSizePixels, int maxFaceSizePixels);
}
