using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Grey faces: what an infrared night-mode camera delivers. A crop counts as grey when its pixels' colour (the largest
/// difference between their blue, green and red levels) averages at most a tolerance: real night-mode frames carry a
/// level or two of chroma noise from compression, a colour face carries tens of levels. A model trained on grey crops
/// (<see cref="InputColour.Grey"/>) sees every crop through <see cref="ToGrey"/>, in the trainer and in the daemon.
/// </summary>
public static class GreyCrop
{
    /// <summary>The mean colour, in levels (0-255), of an 8-bit BGR image: 0 for a grey one. Allocates nothing.</summary>
    public static unsafe double MeanChroma(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit BGR image, got {bgr.Type()} {bgr.Width}x{bgr.Height}.", nameof(bgr));
        }

        long sum = 0;
        int width = bgr.Width, height = bgr.Height;
        var rowBytes = width * 3;
        for (var y = 0; y < height; y++)
        {
            var row = new ReadOnlySpan<byte>((byte*)bgr.Ptr(y), rowBytes);
            for (var x = 0; x < rowBytes; x += 3)
            {
                int b = row[x], g = row[x + 1], r = row[x + 2];
                sum += Math.Max(b, Math.Max(g, r)) - Math.Min(b, Math.Min(g, r));
            }
        }

        return (double)sum / ((long)width * height);
    }

    /// <summary>Whether <paramref name="bgr"/> is grey within <paramref name="maxMeanChroma"/> levels.</summary>
    public static bool IsGrey(Mat bgr, double maxMeanChroma) => MeanChroma(bgr) <= maxMeanChroma;

    /// <summary>
    /// Writes <paramref name="bgr"/> into <paramref name="greyBgr"/> with every pixel replaced by its luminance (OpenCV's
    /// BGR to grey weights), still three channels. <paramref name="luminance"/> is scratch space the caller keeps, so a
    /// frame loop allocates nothing; <paramref name="greyBgr"/> may be <paramref name="bgr"/> itself.
    /// </summary>
    public static void ToGrey(Mat bgr, Mat greyBgr, Mat luminance)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(greyBgr);
        ArgumentNullException.ThrowIfNull(luminance);
        Luminance(bgr, luminance);
        ToBgr(luminance, greyBgr);
    }

    /// <summary>Writes the luminance of <paramref name="bgr"/> (OpenCV's BGR to grey weights) into one-channel <paramref name="luminance"/>.</summary>
    public static void Luminance(Mat bgr, Mat luminance)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(luminance);
        Cv2.CvtColor(bgr, luminance, ColorConversionCodes.BGR2GRAY);
    }

    /// <summary>Writes a one-channel <paramref name="luminance"/> image into <paramref name="greyBgr"/> as three equal channels.</summary>
    public static void ToBgr(Mat luminance, Mat greyBgr)
    {
        ArgumentNullException.ThrowIfNull(luminance);
        ArgumentNullException.ThrowIfNull(greyBgr);
        Cv2.CvtColor(luminance, greyBgr, ColorConversionCodes.GRAY2BGR);
    }
}

/// <summary>The colour of the crops a classifier model was trained on (metadata <c>edgemask.input_colour</c>).</summary>
public enum InputColour
{
    /// <summary>Colour crops (the default when the key is absent).</summary>
    Colour,

    /// <summary>Grey crops only: the daemon turns every crop grey before such a model sees it.</summary>
    Grey,
}
