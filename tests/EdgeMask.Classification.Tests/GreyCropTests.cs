using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

public sealed class GreyCropTests
{
    [Fact]
    public void MeanChroma_GreyImage_IsZero()
    {
        using var grey = new Mat(48, 64, MatType.CV_8UC3, new Scalar(90, 90, 90));
        Assert.Equal(0, GreyCrop.MeanChroma(grey));
    }

    [Fact]
    public void MeanChroma_IsTheMeanOfEachPixelsLargestChannelDifference()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC3, new Scalar(100, 100, 100));
        // Half the pixels skin-like: B 90, G 120, R 170 -> largest difference 80.
        image[new Rect(0, 0, 5, 10)].SetTo(new Scalar(90, 120, 170));
        Assert.Equal(40, GreyCrop.MeanChroma(image), 6);
        Assert.False(GreyCrop.IsGrey(image, 4));
    }

    [Fact]
    public void MeanChroma_ReadsAViewOfALargerImage_NotThePixelsBesideIt()
    {
        using var image = new Mat(20, 20, MatType.CV_8UC3, new Scalar(0, 0, 255));
        image[new Rect(5, 5, 10, 10)].SetTo(new Scalar(60, 61, 62));
        using var view = new Mat(image, new Rect(5, 5, 10, 10));
        Assert.Equal(2, GreyCrop.MeanChroma(view), 6);
        Assert.True(GreyCrop.IsGrey(view, 4));
    }

    [Fact]
    public void ToGrey_GivesEqualChannels_AtOpenCvsLuminance()
    {
        using var image = new Mat(8, 8, MatType.CV_8UC3, new Scalar(30, 140, 220));
        using var expected = new Mat();
        using var luminance = new Mat();
        Cv2.CvtColor(image, expected, ColorConversionCodes.BGR2GRAY);

        GreyCrop.ToGrey(image, image, luminance);

        var pixel = image.At<Vec3b>(3, 3);
        Assert.Equal(pixel.Item0, pixel.Item1);
        Assert.Equal(pixel.Item1, pixel.Item2);
        Assert.Equal(expected.At<byte>(3, 3), pixel.Item0);
        Assert.Equal(0, GreyCrop.MeanChroma(image));
    }

    [Fact]
    public void MeanChroma_NotAnEightBitColourImage_SaysWhatItGot()
    {
        using var single = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(3));
        var error = Assert.Throws<ArgumentException>(() => GreyCrop.MeanChroma(single));
        Assert.Contains("8-bit BGR", error.Message, StringComparison.Ordinal);
    }
}
