using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

public sealed class CropTensorWriterTests
{
    private static readonly float[] Mean = [0.1f, 0.2f, 0.3f];
    private static readonly float[] Std = [0.5f, 0.25f, 2f];

    [Fact]
    public void Write_RgbOrder_WritesNormalisedPlanesRedFirst()
    {
        using var crop = TwoPixels();
        var chw = new float[6];

        new CropTensorWriter(ChannelOrder.Rgb, Mean, Std).Write(crop, chw);

        // Pixel 0 is BGR (10, 20, 30), pixel 1 is (40, 50, 255); planes are R, G, B.
        float[] expected =
        [
            Normalise(30, 0), Normalise(255, 0),
            Normalise(20, 1), Normalise(50, 1),
            Normalise(10, 2), Normalise(40, 2),
        ];
        Assert.Equal(expected, chw, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Write_BgrOrder_KeepsBlueFirst()
    {
        using var crop = TwoPixels();
        var chw = new float[6];

        new CropTensorWriter(ChannelOrder.Bgr, Mean, Std).Write(crop, chw);

        float[] expected =
        [
            Normalise(10, 0), Normalise(40, 0),
            Normalise(20, 1), Normalise(50, 1),
            Normalise(30, 2), Normalise(255, 2),
        ];
        Assert.Equal(expected, chw, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Write_RegionOfALargerImage_ReadsRowByRow()
    {
        using var image = new Mat(new Size(10, 10), MatType.CV_8UC3, Scalar.All(0));
        image.Rectangle(new Rect(2, 3, 3, 2), new Scalar(255, 255, 255), thickness: -1);
        using var region = new Mat(image, new Rect(2, 3, 3, 2));
        Assert.False(region.IsContinuous());
        var chw = new float[18];

        new CropTensorWriter(ChannelOrder.Rgb, [0f, 0f, 0f], [1f, 1f, 1f]).Write(region, chw);

        Assert.All(chw, value => Assert.Equal(1f, value));
    }

    [Fact]
    public void Write_DestinationTooSmall_Throws()
    {
        using var crop = TwoPixels();

        Assert.Throws<ArgumentException>(() => new CropTensorWriter(ChannelOrder.Rgb, Mean, Std).Write(crop, new float[5]));
    }

    [Fact]
    public void Constructor_NonPositiveStd_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CropTensorWriter(ChannelOrder.Rgb, Mean, [1f, 0f, 1f]));
    }

    private static Mat TwoPixels()
    {
        var crop = new Mat(new Size(2, 1), MatType.CV_8UC3);
        crop.Set(0, 0, new Vec3b(10, 20, 30));
        crop.Set(0, 1, new Vec3b(40, 50, 255));
        return crop;
    }

    private static float Normalise(byte value, int plane) => ((value / 255f) - Mean[plane]) / Std[plane];

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
