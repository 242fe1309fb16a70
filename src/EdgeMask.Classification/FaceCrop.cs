using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Cuts a face, grown by a margin, out of a full-resolution BGR frame and resizes it to the model's input size.
/// The trainer uses the same code, so training and runtime crops match.
/// </summary>
public static class FaceCrop
{
    /// <summary>The frame region a face crop covers: the face grown by <paramref name="marginFraction"/> on every side, clipped.</summary>
    public static PixelBox Region(PixelBox face, double marginFraction, int frameWidth, int frameHeight) =>
        face.ExpandAndClip(marginFraction, frameWidth, frameHeight);

    /// <summary>Writes the crop, resized (bilinear) to <paramref name="size"/>, into <paramref name="destination"/> (reallocated only when its size or type differs).</summary>
    /// <returns>False, leaving <paramref name="destination"/> untouched, when the face lies outside the frame.</returns>
    public static bool TryExtract(Mat bgrFrame, PixelBox face, double marginFraction, Mat destination, Size size)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(destination);
        if (bgrFrame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected an 8-bit 3-channel BGR frame, got {bgrFrame.Type()}.", nameof(bgrFrame));
        }

        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The crop size must be positive.");
        }

        var region = Region(face, marginFraction, bgrFrame.Width, bgrFrame.Height);
        if (region.IsEmpty)
        {
            return false;
        }

        using var roi = new Mat(bgrFrame, new Rect(region.X, region.Y, region.Width, region.Height));
        Cv2.Resize(roi, destination, size, interpolation: InterpolationFlags.Linear);
        return true;
    }

    /// <summary>As <see cref="TryExtract"/>, but a face outside the frame is an error.</summary>
    public static void Extract(Mat bgrFrame, PixelBox face, double marginFraction, Mat destination, Size size)
    {
        if (!TryExtract(bgrFrame, face, marginFraction, destination, size))
        {
            throw new ArgumentException($"Face {face} lies outside the {bgrFrame.Width}x{bgrFrame.Height} frame.", nameof(face));
        }
    }
}
