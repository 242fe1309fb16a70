using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

public sealed class FaceCropTests
{
    [Fact]
    public void TryExtract_WithMargin_CropsTheGrownBoxAndResizes()
    {
        using var frame = new Mat(new Size(200, 200), MatType.CV_8UC3, Scalar.All(0));
        frame.Rectangle(new Rect(40, 40, 120, 120), new Scalar(0, 0, 255), thickness: -1);
        using var crop = new Mat();

        // The face is the inner 80x80; a 0.25 margin grows it to exactly the red 120x120 square.
        var extracted = FaceCrop.TryExtract(frame, new PixelBox(60, 60, 80, 80), 0.25, crop, new Size(16, 16));

        Assert.True(extracted);
        Assert.Equal(new Size(16, 16), crop.Size());
        Assert.Equal(new Scalar(0, 0, 255, 0), Cv2.Mean(crop));
    }

    [Fact]
    public void Region_AtTheFrameEdge_IsClipped()
    {
        Assert.Equal(new PixelBox(0, 0, 60, 55), FaceCrop.Region(new PixelBox(0, 0, 50, 50), 0.2, 100, 55));
    }

    [Fact]
    public void TryExtract_FaceOutsideTheFrame_ReturnsFalse()
    {
        using var frame = new Mat(new Size(100, 100), MatType.CV_8UC3, Scalar.All(0));
        using var crop = new Mat();

        Assert.False(FaceCrop.TryExtract(frame, new PixelBox(150, 150, 20, 20), 0.1, crop, new Size(8, 8)));
        Assert.Throws<ArgumentException>(() => FaceCrop.Extract(frame, new PixelBox(150, 150, 20, 20), 0.1, crop, new Size(8, 8)));
    }

    [Fact]
    public void TryExtract_ReusesADestinationOfTheRightSize()
    {
        using var frame = new Mat(new Size(100, 100), MatType.CV_8UC3, Scalar.All(50));
        using var crop = new Mat(new Size(8, 8), MatType.CV_8UC3);
        var buffer = crop.Data;

        FaceCrop.Extract(frame, new PixelBox(10, 10, 40, 40), 0.1, crop, new Size(8, 8));

        Assert.Equal(buffer, crop.Data);
    }
}
