using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene.Distance;

namespace EdgeMask.Core.Tests.Scene.Distance;

public class PinholeCameraTests
{
    [Fact]
    public void FocalLengthFromFieldOfView_PiCameraV2At1280_MatchesTheFormula()
    {
        var focal = PinholeCamera.FocalLengthFromFieldOfView(62.2, 1280);

        Assert.Equal(640 / Math.Tan(31.1 * Math.PI / 180), focal, 6);
        Assert.InRange(focal, 1060, 1063);
    }

    [Fact]
    public void FocalLengthFromFieldOfView_NinetyDegrees_IsHalfTheWidth()
    {
        Assert.Equal(320, PinholeCamera.FocalLengthFromFieldOfView(90, 640), 9);
    }

    [Fact]
    public void Locate_FaceAtFrameCentre_LiesOnTheOpticalAxisAtTheModelDepth()
    {
        var camera = new PinholeCamera(1000, 1280, 720);

        var position = camera.Locate(new PixelBox(590, 310, 100, 100), 0.15);

        Assert.Equal(new Point3(0, 0, 1.5), position);
    }

    [Fact]
    public void Locate_OffCentreFace_ScalesThePixelOffsetByDepthOverFocalLength()
    {
        var camera = new PinholeCamera(1000, 1280, 720);

        // Centre (990, 160): 350 px right and 200 px up of the frame centre; depth 1000 * 0.15 / 50 = 3 m.
        var position = camera.Locate(new PixelBox(965, 135, 50, 50), 0.15);

        Assert.Equal(3.0, position.Z, 9);
        Assert.Equal(1.05, position.X, 9);
        Assert.Equal(-0.6, position.Y, 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Constructor_NonPositiveFocalLength_Throws(double focal)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PinholeCamera(focal, 640, 480));
        Assert.Contains("Focal length", ex.Message);
    }

    [Fact]
    public void Locate_ZeroWidthBox_ThrowsNamingTheBox()
    {
        var camera = new PinholeCamera(1000, 1280, 720);

        var ex = Assert.Throws<ArgumentException>(() => camera.Locate(new PixelBox(10, 10, 0, 40), 0.15));
        Assert.Contains("[10,10 0x40]", ex.Message);
    }
}
