using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Training.Imaging;

namespace EdgeMask.Training.Tests.Imaging;

public sealed class FaceFrameTests
{
    [Fact]
    public void FromLandmarks_CanonicalPointsMovedBySimilarity_RecoversIt()
    {
        // Scale 100, rotated 10 degrees, shifted to (50, 30).
        var angle = 10 * Math.PI / 180;
        double a = 100 * Math.Cos(angle), b = 100 * Math.Sin(angle);
        PixelPoint Map(double x, double y) => new((float)((a * x) - (b * y) + 50), (float)((b * x) + (a * y) + 30));
        var c = FaceFrame.CanonicalLandmarks;
        var landmarks = new FaceLandmarks(Map(c[0].X, c[0].Y), Map(c[1].X, c[1].Y), Map(c[2].X, c[2].Y), Map(c[3].X, c[3].Y), Map(c[4].X, c[4].Y));

        var frame = FaceFrame.FromLandmarks(landmarks);

        var chin = frame.Map(0.5, 1.0);
        var expected = Map(0.5, 1.0);
        Assert.Equal(expected.X, chin.X, 3);
        Assert.Equal(expected.Y, chin.Y, 3);
        Assert.Equal(100, frame.Width, 3);
    }

    [Fact]
    public void Inverse_AfterTheFrame_IsTheIdentity()
    {
        var frame = new FaceFrame(80, -12, 33, 12, 80, 17);

        var identity = frame.Inverse().After(frame);

        var point = identity.Map(0.3, 0.7);
        Assert.Equal(0.3, point.X, 9);
        Assert.Equal(0.7, point.Y, 9);
    }

    [Fact]
    public void FromBox_MapsTheUnitSquareOntoTheBox()
    {
        var frame = FaceFrame.FromBox(new OpenCvSharp.Rect(10, 20, 100, 120));

        Assert.Equal(new OpenCvSharp.Point2d(10, 20), frame.Map(0, 0));
        Assert.Equal(new OpenCvSharp.Point2d(110, 140), frame.Map(1, 1));
    }

    [Fact]
    public void ShiftedDown_MovesAlongTheFacesOwnVerticalAxis()
    {
        // A face lying on its side (rotated 90 degrees): its "down" is the image's minus x.
        var frame = new FaceFrame(0, -100, 200, 100, 0, 50);

        var shifted = frame.ShiftedDown(0.2);

        Assert.Equal(frame.Map(0.5, 0.5).X - 20, shifted.Map(0.5, 0.5).X, 9);
        Assert.Equal(frame.Map(0.5, 0.5).Y, shifted.Map(0.5, 0.5).Y, 9);
    }
}
