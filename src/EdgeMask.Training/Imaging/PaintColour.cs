using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>Colour arithmetic shared by the synthetic painters; results stay within 8-bit range.</summary>
internal static class PaintColour
{
    public static Scalar Scale(Scalar colour, double factor) => new(
        Math.Clamp(colour[0] * factor, 0, 255), Math.Clamp(colour[1] * factor, 0, 255), Math.Clamp(colour[2] * factor, 0, 255));

    /// <summary>A highlight of <paramref name="colour"/>: brighter and whiter.</summary>
    public static Scalar Lighten(Scalar colour) => new(
        Math.Min(255, (colour[0] * 1.8) + 40), Math.Min(255, (colour[1] * 1.8) + 40), Math.Min(255, (colour[2] * 1.8) + 40));
}
