using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// Turns eye detections into face boxes: two eyes of similar size, at about the same height, 1.2-3.5 eye widths apart,
/// make a face. The eyes stay visible above a mask, which is why this can find masked faces the frontal cascades miss.
/// </summary>
/// <remarks>
/// Face geometry (frontal-face cascade boxes and tight face crops): the eye centres are about 0.4 face widths apart and
/// about 0.38 face heights below the top of a square face box.
/// </remarks>
internal static class EyePairFaceEstimator
{
    public const double EyeSpacingPerFaceWidth = 0.4;
    public const double EyeHeightPerFaceHeight = 0.38;
    private const double MaxSizeRatio = 1.5;
    private const double MaxVerticalOffsetPerEyeWidth = 0.5;
    private const double MinSpacingPerEyeWidth = 1.2;
    private const double MaxSpacingPerEyeWidth = 3.5;

    /// <summary>Pairs eyes greedily, closest plausible partner first; each eye is used once.</summary>
    public static List<Rect> FacesFromEyes(IReadOnlyList<Rect> eyes)
    {
        var candidates = new List<(double Spacing, int Left, int Right)>();
        for (var i = 0; i < eyes.Count; i++)
        {
            for (var j = 0; j < eyes.Count; j++)
            {
                if (i != j && IsPair(eyes[i], eyes[j], out var spacing))
                {
                    candidates.Add((spacing, i, j));
                }
            }
        }

        candidates.Sort((a, b) => a.Spacing.CompareTo(b.Spacing));
        var used = new bool[eyes.Count];
        var faces = new List<Rect>();
        foreach (var (spacing, left, right) in candidates)
        {
            if (used[left] || used[right])
            {
                continue;
            }

            used[left] = used[right] = true;
            var side = spacing / EyeSpacingPerFaceWidth;
            var centerX = (CenterX(eyes[left]) + CenterX(eyes[right])) / 2;
            var eyeY = (CenterY(eyes[left]) + CenterY(eyes[right])) / 2;
            faces.Add(new Rect(
                (int)Math.Round(centerX - (side / 2)),
                (int)Math.Round(eyeY - (EyeHeightPerFaceHeight * side)),
                (int)Math.Round(side),
                (int)Math.Round(side)));
        }

        return faces;
    }

    /// <summary><paramref name="left"/> is left of <paramref name="right"/> and the two look like one person's eyes.</summary>
    private static bool IsPair(Rect left, Rect right, out double spacing)
    {
        spacing = CenterX(right) - CenterX(left);
        var meanWidth = (left.Width + right.Width) / 2.0;
        var sizeRatio = (double)Math.Max(left.Width, right.Width) / Math.Min(left.Width, right.Width);
        return spacing > 0
            && sizeRatio <= MaxSizeRatio
            && Math.Abs(CenterY(left) - CenterY(right)) <= MaxVerticalOffsetPerEyeWidth * meanWidth
            && spacing >= MinSpacingPerEyeWidth * meanWidth
            && spacing <= MaxSpacingPerEyeWidth * meanWidth;
    }

    private static double CenterX(Rect r) => r.X + (r.Width / 2.0);

    private static double CenterY(Rect r) => r.Y + (r.Height / 2.0);
}
