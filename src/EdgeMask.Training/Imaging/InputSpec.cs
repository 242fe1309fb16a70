using EdgeMask.Classification;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// The network input: size, RGB channel order, normalisation, the face-box margin it was trained with, whether
/// every crop is turned grey first (a model for infrared night mode) and whether its contrast is standardised.
/// </summary>
public sealed record InputSpec(int Width, int Height, float[] Mean, float[] Std, double CropMargin, bool Greyscale = false, bool StandardisedContrast = false)
{
    /// <summary>64 x 64 RGB, ImageNet mean/std, the daemon's default margin (0.15 of the face box on each side).</summary>
    public static InputSpec Default { get; } = new(64, 64, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f], ClassificationOptions.DefaultCropMarginFraction);

    public int Values => 3 * Width * Height;

    public InputColour Colour => Greyscale ? InputColour.Grey : InputColour.Colour;

    public InputContrast Contrast => StandardisedContrast ? InputContrast.Standardised : InputContrast.AsCaptured;

    /// <summary>Whether a model of <paramref name="other"/>'s input takes the same tensors as one of this input.</summary>
    public bool SameInputAs(InputSpec other) =>
        Width == other.Width && Height == other.Height && CropMargin == other.CropMargin && Greyscale == other.Greyscale
        && StandardisedContrast == other.StandardisedContrast && Mean.SequenceEqual(other.Mean) && Std.SequenceEqual(other.Std);
}
