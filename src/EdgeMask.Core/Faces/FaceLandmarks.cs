using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Faces;

/// <summary>
/// Five points of a face, as YuNet reports them. "Right" and "left" are the person's own: looking at a camera, their
/// right eye appears on the image's left.
/// </summary>
public readonly record struct FaceLandmarks(
    PixelPoint RightEye,
    PixelPoint LeftEye,
    PixelPoint NoseTip,
    PixelPoint RightMouthCorner,
    PixelPoint LeftMouthCorner)
{
    /// <summary>Tilt of the line from the right eye to the left eye, in degrees; 0 when the eyes are level, positive clockwise on screen.</summary>
    public double EyeRollDegrees =>
        Math.Atan2(LeftEye.Y - RightEye.Y, LeftEye.X - RightEye.X) * (180.0 / Math.PI);

    /// <summary>Distance between the eye centres in pixels.</summary>
    public double InterocularPixels =>
        Math.Sqrt(Math.Pow(LeftEye.X - RightEye.X, 2) + Math.Pow(LeftEye.Y - RightEye.Y, 2));

    /// <summary>Midpoint of the two eyes.</summary>
    public PixelPoint EyeCentre => new((RightEye.X + LeftEye.X) / 2, (RightEye.Y + LeftEye.Y) / 2);

    /// <summary>The five points in YuNet's order: right eye, left eye, nose tip, right and left mouth corner.</summary>
    public PixelPoint[] ToArray() => [RightEye, LeftEye, NoseTip, RightMouthCorner, LeftMouthCorner];

    /// <summary>Maps every point as <see cref="PixelPoint.Transform"/> does.</summary>
    public FaceLandmarks Transform(double factor, int offsetX, int offsetY) => new(
        RightEye.Transform(factor, offsetX, offsetY),
        LeftEye.Transform(factor, offsetX, offsetY),
        NoseTip.Transform(factor, offsetX, offsetY),
        RightMouthCorner.Transform(factor, offsetX, offsetY),
        LeftMouthCorner.Transform(factor, offsetX, offsetY));
}
