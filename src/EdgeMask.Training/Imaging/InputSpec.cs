using EdgeMask.Classification;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// The network input: size, RGB channel order, normalisation, the face-box margin it was trained with, and whether
/// every crop is turned grey first (a model for infrared night mode).
/// </summary>
public sealed record InputSpec(int Width, int Height, float[] Mean, float[] Std, double CropMargin, bool Greyscale = false)
{
    /// <summary>64 x 64 RGB, ImageNet mean/std, the daemon's default margin (0.15 of the face box on each side).</summary>
    public static InputSpec Default { get; } = new(64, 64, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f], ClassificationOptions.DefaultCropMarginFraction);

    public int Values => 3 * Width * Height;
}
