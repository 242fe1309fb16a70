using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public class MotionMapTests
{
    private static Mat Frame(byte grey) => new(480, 640, MatType.CV_8UC3, new Scalar(grey, grey, grey));

    [Fact]
    public void ChangedArea_BlockPaintedOnStillScene_IsFoundInFramePixels()
    {
        using var map = new MotionMap();
        using var before = Frame(100);
        using var after = Frame(100);
        after[new Rect(400, 200, 60, 60)].SetTo(new Scalar(220, 220, 220));

        map.Update(before, minFaceSizePixels: 48);
        map.MarkSearched();
        map.Update(after, minFaceSizePixels: 48);
        var area = map.ChangedArea(10, []);

        Assert.True(area.Intersect(new PixelBox(400, 200, 60, 60)).Area == 60 * 60, $"{area} must cover the painted block");
        Assert.InRange(area.Width, 60, 80);
        Assert.InRange(area.Height, 60, 80);
    }

    [Fact]
    public void ChangedArea_FaceSizedChangeOfTheSmallestFace_IsNoticed()
    {
        using var map = new MotionMap();
        using var before = Frame(100);
        using var after = Frame(100);
        after[new Rect(300, 300, 48, 48)].SetTo(new Scalar(130, 130, 130));

        map.Update(before, minFaceSizePixels: 48);
        map.MarkSearched();
        map.Update(after, minFaceSizePixels: 48);

        Assert.False(map.ChangedArea(10, []).IsEmpty);
    }

    [Fact]
    public void ChangedArea_SensorNoiseOnly_IsEmpty()
    {
        using var map = new MotionMap();
        using var before = Frame(100);
        using var noise = new Mat(480, 640, MatType.CV_16SC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(8));
        using var wide = new Mat();
        before.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        using var noisy = new Mat();
        wide.ConvertTo(noisy, MatType.CV_8UC3);

        map.Update(before, minFaceSizePixels: 48);
        map.MarkSearched();
        map.Update(noisy, minFaceSizePixels: 48);

        Assert.True(map.ChangedArea(10, []).IsEmpty);
    }

    [Fact]
    public void ChangedArea_ChangeInsideIgnoredBox_IsEmpty()
    {
        using var map = new MotionMap();
        using var before = Frame(100);
        using var after = Frame(100);
        after[new Rect(100, 100, 80, 80)].SetTo(new Scalar(250, 250, 250));

        map.Update(before, minFaceSizePixels: 48);
        map.MarkSearched();
        map.Update(after, minFaceSizePixels: 48);

        Assert.True(map.ChangedArea(10, [new PixelBox(60, 60, 160, 160)]).IsEmpty);
    }

    [Fact]
    public void Update_FrameSizeChanges_DropsTheReference()
    {
        using var map = new MotionMap();
        using var small = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(100));
        using var large = Frame(100);

        map.Update(small, minFaceSizePixels: 48);
        map.MarkSearched();
        map.Update(large, minFaceSizePixels: 48);

        Assert.False(map.HasReference);
        Assert.Throws<InvalidOperationException>(() => map.ChangedArea(10, []));
    }
}
