namespace EdgeMask.Detection.Learned;

/// <summary>
/// Maps coordinates relative to the square network input back to frame pixels the way face-api does: through the
/// frame's size scaled so its longer side equals the input size, rounded (computeReshapedDimensions).
/// </summary>
internal readonly record struct FrameGeometry(int FrameWidth, int FrameHeight, int InputSizePixels)
{
    /// <summary>Frame pixels per unit of input-relative x.</summary>
    public double PixelsPerUnitX => (double)InputSizePixels / ReshapedWidth * FrameWidth;

    /// <summary>Frame pixels per unit of input-relative y.</summary>
    public double PixelsPerUnitY => (double)InputSizePixels / ReshapedHeight * FrameHeight;

    private double Scale => (double)InputSizePixels / Math.Max(FrameWidth, FrameHeight);

    private int ReshapedWidth => (int)Math.Round(FrameWidth * Scale, MidpointRounding.AwayFromZero);

    private int ReshapedHeight => (int)Math.Round(FrameHeight * Scale, MidpointRounding.AwayFromZero);
}
