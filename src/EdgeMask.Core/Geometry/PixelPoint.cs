namespace EdgeMask.Core.Geometry;

/// <summary>A point in frame pixel coordinates (top-left origin), with sub-pixel precision.</summary>
public readonly record struct PixelPoint(float X, float Y)
{
    /// <summary>Maps the point from an image scaled by <paramref name="factor"/> and placed at (<paramref name="offsetX"/>, <paramref name="offsetY"/>).</summary>
    public PixelPoint Transform(double factor, int offsetX, int offsetY) =>
        new((float)((X * factor) + offsetX), (float)((Y * factor) + offsetY));

    public override string ToString() => $"({X:0.#},{Y:0.#})";
}
