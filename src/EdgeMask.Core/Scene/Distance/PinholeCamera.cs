using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene.Distance;

/// <summary>
/// A pinhole camera with its principal point at the frame centre: turns a face box of known real width into a
/// position in metres (X right, Y down, Z forward).
/// </summary>
internal sealed class PinholeCamera
{
    public PinholeCamera(double focalLengthPixels, int frameWidth, int frameHeight)
    {
        if (!(focalLengthPixels > 0) || double.IsInfinity(focalLengthPixels))
        {
            throw new ArgumentOutOfRangeException(nameof(focalLengthPixels), focalLengthPixels, "Focal length must be a positive number of pixels.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(frameWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameHeight, 1);
        FocalLengthPixels = focalLengthPixels;
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
    }

    public double FocalLengthPixels { get; }

    public int FrameWidth { get; }

    public int FrameHeight { get; }

    /// <summary>f = (frameWidth / 2) / tan(hfov / 2).</summary>
    public static double FocalLengthFromFieldOfView(double horizontalFieldOfViewDegrees, int frameWidth)
    {
        if (!(horizontalFieldOfViewDegrees > 0 && horizontalFieldOfViewDegrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(horizontalFieldOfViewDegrees), horizontalFieldOfViewDegrees, "Field of view must be between 0 and 180 degrees.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(frameWidth, 1);
        var halfAngle = horizontalFieldOfViewDegrees * Math.PI / 360.0;
        return frameWidth / 2.0 / Math.Tan(halfAngle);
    }

    /// <summary>Z = f * W / w; X = (cx - frameWidth / 2) * Z / f; Y = (cy - frameHeight / 2) * Z / f.</summary>
    public Point3 Locate(PixelBox face, double faceWidthMeters)
    {
        if (face.Width <= 0)
        {
            throw new ArgumentException($"Face box {face} has no width; its depth cannot be estimated.", nameof(face));
        }

        var depth = FocalLengthPixels * faceWidthMeters / face.Width;
        var x = (face.CenterX - (FrameWidth / 2.0)) * depth / FocalLengthPixels;
        var y = (face.CenterY - (FrameHeight / 2.0)) * depth / FocalLengthPixels;
        return new Point3(x, y, depth);
    }
}
