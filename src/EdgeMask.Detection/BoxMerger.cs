using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// Merges face boxes found by several sources (cascades in configured order, then the eye-pair fallback): every box of
/// the first source is kept; a later source's box is kept only if it overlaps no kept box by more than the IoU threshold,
/// so one face seen by two cascades is reported once, with the box of the earlier cascade.
/// </summary>
internal static class BoxMerger
{
    public static List<Rect> Merge(IReadOnlyList<IReadOnlyList<Rect>> boxesBySource, double iouThreshold)
    {
        var kept = new List<Rect>();
        foreach (var source in boxesBySource)
        {
            var keptBefore = kept.Count;
            foreach (var box in source)
            {
                var duplicate = false;
                for (var i = 0; i < keptBefore && !duplicate; i++)
                {
                    duplicate = IntersectionOverUnion(box, kept[i]) > iouThreshold;
                }

                if (!duplicate)
                {
                    kept.Add(box);
                }
            }
        }

        return kept;
    }

    public static double IntersectionOverUnion(Rect a, Rect b)
    {
        var intersection = a.Intersect(b);
        if (intersection.Width <= 0 || intersection.Height <= 0)
        {
            return 0;
        }

        var overlap = (double)intersection.Width * intersection.Height;
        return overlap / (((double)a.Width * a.Height) + ((double)b.Width * b.Height) - overlap);
    }
}
