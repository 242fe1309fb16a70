namespace EdgeMask.Detection.Learned;

/// <summary>Greedy non-maximum suppression, as face-api does it: best first, drop boxes overlapping a kept one.</summary>
internal static class NonMaxSuppression
{
    /// <param name="candidates">Sorted in place by descending score.</param>
    public static List<ScoredBox> Apply(List<ScoredBox> candidates, double iouThreshold, int maxResults)
    {
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var kept = new List<ScoredBox>();
        foreach (var candidate in candidates)
        {
            if (kept.Count >= maxResults)
            {
                break;
            }

            var suppressed = false;
            foreach (var keeper in kept)
            {
                if (candidate.IntersectionOverUnion(keeper) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
