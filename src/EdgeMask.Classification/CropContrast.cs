using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Per-crop contrast standardisation for models marked <see cref="InputContrast.Standardised"/>: every channel of the
/// crop is scaled and shifted by one gain and offset so that its luminance has a fixed mean and spread. A night-mode
/// camera's exposure and contrast follow the scene (IR lamp, auto gain, distance), so a model that sees each face at one
/// level learns the face, not the camera's setting. The gain is capped, so a flat crop (a wall, fog) is not turned into
/// amplified noise.
/// </summary>
public static class CropContrast
{
    /// <summary>The luminance mean a standardised crop gets (grey levels).</summary>
    public const double TargetMean = 128;

    /// <summary>The luminance standard deviation a standardised crop gets (grey levels).</summary>
    public const double TargetStd = 48;

    /// <summary>The largest gain applied: a crop flatter than TargetStd / MaxGain keeps some of its flatness.</summary>
    public const double MaxGain = 8;

    /// <summary>
    /// Standardises the 8-bit BGR image <paramref name="bgr"/> in place. <paramref name="luminance"/> is scratch space the
    /// caller keeps, so a frame loop allocates no image.
    /// </summary>
    public static void Standardise(Mat bgr, Mat luminance)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(luminance);
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit BGR image, got {bgr.Type()} {bgr.Width}x{bgr.Height}.", nameof(bgr));
        }

        Cv2.CvtColor(bgr, luminance, ColorConversionCodes.BGR2GRAY);
        var (gain, offset) = GainAndOffsetOf(luminance);
        bgr.ConvertTo(bgr, MatType.CV_8UC3, gain, offset);
    }

    /// <summary>
    /// Standardises a one-channel 8-bit <paramref name="luminance"/> image in place: for a grey crop the same result as
    /// <see cref="Standardise"/> on its three-channel form, with one colour conversion fewer.
    /// </summary>
    public static void StandardiseLuminance(Mat luminance)
    {
        ArgumentNullException.ThrowIfNull(luminance);
        if (luminance.Empty() || luminance.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit one-channel image, got {luminance.Type()} {luminance.Width}x{luminance.Height}.", nameof(luminance));
        }

        var (gain, offset) = GainAndOffsetOf(luminance);
        luminance.ConvertTo(luminance, MatType.CV_8UC1, gain, offset);
    }

    private static (double Gain, double Offset) GainAndOffsetOf(Mat luminance)
    {
        Cv2.MeanStdDev(luminance, out var mean, out var std);
        return GainAndOffset(mean.Val0, std.Val0);
    }

    /// <summary>The gain and offset that take luminance of <paramref name="mean"/> and <paramref name="std"/> to the targets.</summary>
    public static (double Gain, double Offset) GainAndOffset(double mean, double std)
    {
        var gain = std * MaxGain <= TargetStd ? MaxGain : TargetStd / std;
        return (gain, TargetMean - (gain * mean));
    }
}

/// <summary>How a model's crops are lit (metadata <c>edgemask.input_contrast</c>).</summary>
public enum InputContrast
{
    /// <summary>As the camera delivered them (the default when the key is absent).</summary>
    AsCaptured,

    /// <summary>Each crop standardised by <see cref="CropContrast.Standardise"/> before the model sees it.</summary>
    Standardised,
}
