using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// A detector that can be told which face sizes to look for. A search around a face of known size then skips the
/// scales the face cannot have, which for a cascade are the expensive ones (small faces mean big pyramid levels).
/// </summary>
internal interface IFaceSizeRangeDetector : IFaceDetector
{
    /// <summary>True when the detector works on grey images, so a caller may hand it a grey window (a third of the pixels to shrink).</summary>
    bool SearchesGrey { get; }

    /// <param name="bgrFrame">The image to search, in its own pixels: BGR, or grey when <see cref="SearchesGrey"/>.</param>
    /// <param name="minFaceSizePixels">Smallest face width to report, in pixels of <paramref name="bgrFrame"/>.</param>
    /// <param name="maxFaceSizePixels">Largest face width to report, in pixels of <paramref name="bgrFrame"/>; 0 = no limit.</param>
    IReadOnlyList<FaceDetection> Detect(Mat bgrFrame, int minFaceSizePixels, int maxFaceSizePixels);
}
