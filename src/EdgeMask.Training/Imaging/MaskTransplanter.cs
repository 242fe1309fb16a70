using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Moves a real mask from a masked face (the donor) onto a bare one: the donor's lower face, from just under the eyes
/// to below the chin, is warped with the similarity that maps the donor's landmarks onto the target's and blended in
/// with a soft edge. Shifted down the target's face it becomes a mask worn below the nose or on the chin. Real masks
/// bring what painting cannot: their folds, prints, shadows and the way they sit on a face.
/// </summary>
public static class MaskTransplanter
{
    /// <summary>
    /// How far the donor's mask moves down the target's face, in canonical units, for each placement: below the nose
    /// its top edge lands between the nose tip and the upper lip (0.13-0.21), on the chin under the mouth (0.35-0.43).
    /// </summary>
    public static double DropFor(MaskPlacement placement, Random random) => placement switch
    {
        MaskPlacement.OverNose => 0,
        MaskPlacement.BelowNose => 0.17 + ((random.NextDouble() * 2) - 1) * 0.04,
        _ => 0.39 + ((random.NextDouble() * 2) - 1) * 0.04,
    };

    /// <summary>The transplanted region in canonical face coordinates: under the eyes (0.40) to below the chin.</summary>
    private static readonly (double X, double Y)[] Region =
    [
        (0.05, 0.50), (0.30, 0.47), (0.50, 0.45), (0.70, 0.47), (0.95, 0.50),
        (0.97, 0.80), (0.85, 1.02), (0.50, 1.12), (0.15, 1.02), (0.03, 0.80),
    ];

    /// <summary>
    /// Whether the transplanted region of a face lies inside its image: a donor whose chin runs off the image edge
    /// would bring smeared border pixels instead of a lower face.
    /// </summary>
    public static bool RegionInside(FaceFrame frame, Size image) =>
        Region.Select(p => frame.MapToPixel(p.X, p.Y)).All(p => p.X >= 0 && p.Y >= 0 && p.X < image.Width && p.Y < image.Height);

    /// <summary>Blends the donor's mask into <paramref name="target"/> (in place).</summary>
    /// <param name="targetFrame">The bare face's canonical frame in <paramref name="target"/>.</param>
    /// <param name="donor">The masked face's image.</param>
    /// <param name="donorFrame">The masked face's canonical frame in <paramref name="donor"/>.</param>
    public static void Transplant(Mat target, FaceFrame targetFrame, Mat donor, FaceFrame donorFrame, MaskPlacement placement, Random random)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(donor);
        if (random.NextDouble() < 0.5)
        {
            // A mirrored donor: canonical x -> 1 - x.
            donorFrame = donorFrame.After(new FaceFrame(-1, 0, 1, 0, 1, 0));
        }

        var placed = targetFrame.ShiftedDown(DropFor(placement, random));
        var donorToTarget = placed.After(donorFrame.Inverse());
        using var map = donorToTarget.ToMat();
        using var warped = new Mat();
        Cv2.WarpAffine(donor, warped, map, target.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);

        using var alpha = new Mat(target.Size(), MatType.CV_32FC1, Scalar.All(0));
        Cv2.FillPoly(alpha, [Region.Select(p => placed.MapToPixel(p.X, p.Y)).ToArray()], Scalar.All(1), LineTypes.AntiAlias);
        var feather = Math.Max(0.6, placed.Width * 0.03);
        Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), feather);
        Blend(target, warped, alpha);
    }

    private static void Blend(Mat target, Mat overlay, Mat alpha)
    {
        using var alpha3 = new Mat();
        Cv2.Merge([alpha, alpha, alpha], alpha3);
        using var targetFloats = new Mat();
        using var overlayFloats = new Mat();
        target.ConvertTo(targetFloats, MatType.CV_32FC3);
        overlay.ConvertTo(overlayFloats, MatType.CV_32FC3);
        using var keep = new Mat();
        Cv2.Subtract(Scalar.All(1), alpha3, keep);
        Cv2.Multiply(targetFloats, keep, targetFloats);
        Cv2.Multiply(overlayFloats, alpha3, overlayFloats);
        Cv2.Add(targetFloats, overlayFloats, targetFloats);
        targetFloats.ConvertTo(target, MatType.CV_8UC3);
    }
}
