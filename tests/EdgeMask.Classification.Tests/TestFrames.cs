using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

/// <summary>Frames with uniformly coloured "faces", whose crops have a known mean colour.</summary>
internal static class TestFrames
{
    public const int FaceSize = 80;

    /// <summary>Space around each face so that a crop margin up to 0.5 stays inside the face's colour.</summary>
    public const int Padding = 40;

    private const int Cell = FaceSize + (2 * Padding);

    /// <summary>A grey frame with one coloured square per colour, side by side; returns the face boxes in order.</summary>
    public static Mat WithFaces(IReadOnlyList<Scalar> colors, out PixelBox[] faces)
    {
        var frame = new Mat(new Size(Math.Max(320, Cell * colors.Count), Cell), MatType.CV_8UC3, new Scalar(128, 128, 128));
        faces = new PixelBox[colors.Count];
        for (var i = 0; i < colors.Count; i++)
        {
            frame.Rectangle(new Rect(i * Cell, 0, Cell, Cell), colors[i], thickness: -1);
            faces[i] = new PixelBox((i * Cell) + Padding, Padding, FaceSize, FaceSize);
        }

        return frame;
    }

    public static Scalar Bgr(byte blue, byte green, byte red) => new(blue, green, red);
}
