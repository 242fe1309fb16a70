namespace EdgeMask.Core.Geometry;

/// <summary>An axis-aligned rectangle in frame pixel coordinates (top-left origin).</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public int Area => Math.Max(0, Width) * Math.Max(0, Height);
    public double CenterX => X + (Width / 2.0);
    public double CenterY => Y + (Height / 2.0);

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public PixelBox Intersect(PixelBox other)
    {
        var x1 = Math.Max(X, other.X);
        var y1 = Math.Max(Y, other.Y);
        var x2 = Math.Min(Right, other.Right);
        var y2 = Math.Min(Bottom, other.Bottom);
        return x2 <= x1 || y2 <= y1 ? default : new PixelBox(x1, y1, x2 - x1, y2 - y1);
    }

    /// <summary>Intersection over union, 0 when either box is empty.</summary>
    public double IntersectionOverUnion(PixelBox other)
    {
        var intersection = Intersect(other).Area;
        if (intersection == 0)
        {
            return 0;
        }

        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : (double)intersection / union;
    }

    /// <summary>Grows the box by <paramref name="marginFraction"/> of its size on every side and clips it to the frame.</summary>
    public PixelBox ExpandAndClip(double marginFraction, int frameWidth, int frameHeight)
    {
        var dx = (int)Math.Round(Width * marginFraction);
        var dy = (int)Math.Round(Height * marginFraction);
        var x1 = Math.Clamp(X - dx, 0, frameWidth);
        var y1 = Math.Clamp(Y - dy, 0, frameHeight);
        var x2 = Math.Clamp(Right + dx, 0, frameWidth);
        var y2 = Math.Clamp(Bottom + dy, 0, frameHeight);
        return new PixelBox(x1, y1, x2 - x1, y2 - y1);
    }

    /// <summary>Scales coordinates, e.g. from a downscaled detection frame back to full resolution.</summary>
    public PixelBox Scale(double factor) => new(
        (int)Math.Round(X * factor),
        (int)Math.Round(Y * factor),
        (int)Math.Round(Width * factor),
        (int)Math.Round(Height * factor));

    public override string ToString() => $"[{X},{Y} {Width}x{Height}]";
}
