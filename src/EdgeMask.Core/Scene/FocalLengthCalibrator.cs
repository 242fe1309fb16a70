namespace EdgeMask.Core.Scene;

/// <summary>
/// Finds the camera's focal length in pixels from a person standing at a known distance: with the pinhole model
/// w = f * W / D, so f = w * D / W. The median over many frames ignores the odd wrong face box.
/// </summary>
public static class FocalLengthCalibrator
{
    /// <summary>Fewer face widths than this give no trustworthy median.</summary>
    public const int MinimumSamples = 5;

    /// <param name="faceWidthsPixels">Face box widths, one per frame, of one person facing the camera.</param>
    /// <param name="distanceMeters">Distance D from the camera to the face, in (0, 20].</param>
    /// <param name="faceWidthMeters">Real face width W, in (0, 1].</param>
    /// <exception cref="ArgumentException">Too few samples, a width that is not a positive number, or a distance or face width out of range.</exception>
    public static FocalLengthCalibration Calibrate(IReadOnlyList<double> faceWidthsPixels, double distanceMeters, double faceWidthMeters)
    {
        ArgumentNullException.ThrowIfNull(faceWidthsPixels);
        if (!(distanceMeters > 0 && distanceMeters <= 20))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMeters), distanceMeters, "Calibration distance must be in (0, 20] metres.");
        }

        if (!(faceWidthMeters > 0 && faceWidthMeters <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(faceWidthMeters), faceWidthMeters, "Real face width must be in (0, 1] metres.");
        }

        if (faceWidthsPixels.Count < MinimumSamples)
        {
            throw new ArgumentException(
                $"Calibration needs at least {MinimumSamples} face measurements but got {faceWidthsPixels.Count}; " +
                "make sure one face is in view and facing the camera, or measure for longer.",
                nameof(faceWidthsPixels));
        }

        var sorted = new double[faceWidthsPixels.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var width = faceWidthsPixels[i];
            if (!(width > 0) || double.IsInfinity(width))
            {
                throw new ArgumentException($"Face width #{i} is {width}; every width must be a positive number of pixels.", nameof(faceWidthsPixels));
            }

            sorted[i] = width;
        }

        Array.Sort(sorted);
        var scale = distanceMeters / faceWidthMeters;
        var medianWidth = Quantile(sorted, 0.5);
        var spreadWidth = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        return new FocalLengthCalibration(medianWidth * scale, spreadWidth * scale, sorted.Length, medianWidth);
    }

    // Linear interpolation between the closest ranks (the common "type 7" quantile).
    private static double Quantile(double[] sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
