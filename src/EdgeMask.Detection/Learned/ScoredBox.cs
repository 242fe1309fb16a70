namespace EdgeMask.Detection.Learned;

/// <summary>A candidate face in frame pixels (fractional, unclipped), before non-maximum suppression.</summary>
internal readonly record struct ScoredBox(double Left, double Top, double Right, double Bottom, float Score)
{
    public double Area => Math.Max(0, Right - Left) * Math.Max(0, Bottom - Top);

    public double IntersectionOverUnion(ScoredBox other)
    {
        var width = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(Left, other.Left));
        var height = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top));
        var intersection = width * height;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
