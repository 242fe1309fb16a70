using EdgeMask.Evaluation.Robustness;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Tests.Robustness;

public sealed class CameraEffectsTests
{
    [Fact]
    public void Gamma_TwoAndAHalf_DarkensMidGreyAsThePowerLawSays()
    {
        using var image = Flat(128);

        CameraEffects.Gamma(image, 2.5);

        // 255 * (128 / 255) ^ 2.5 = 45.6
        Assert.Equal(46, image.At<Vec3b>(0, 0).Item0);
    }

    [Fact]
    public void Exposure_MinusOneAndAHalfStops_MultipliesTheLightBy0Point35()
    {
        using var image = Flat(200);

        CameraEffects.Exposure(image, -1.5);

        Assert.Equal(71, image.At<Vec3b>(0, 0).Item1);
    }

    [Fact]
    public void InfraredNight_ColourImage_BecomesGreyWithLessContrast()
    {
        using var image = new Mat(40, 40, MatType.CV_8UC3, new Scalar(20, 120, 230));
        Cv2.Rectangle(image, new Rect(0, 0, 20, 40), new Scalar(0, 0, 0), -1);
        var before = Contrast(image);

        CameraEffects.InfraredNight(image, 0.45);

        var pixel = image.At<Vec3b>(5, 30);
        Assert.Equal(pixel.Item0, pixel.Item1);
        Assert.Equal(pixel.Item1, pixel.Item2);
        Assert.True(Contrast(image) < before * 0.6, $"contrast {Contrast(image):0.0} vs {before:0.0} before");
    }

    [Fact]
    public void MotionBlur_Horizontal_SmearsAVerticalLineSideways()
    {
        using var image = Flat(0);
        Cv2.Line(image, new Point(20, 0), new Point(20, 39), Scalar.All(255), 1);

        CameraEffects.MotionBlur(image, 0.25, 0);

        Assert.True(image.At<Vec3b>(20, 24).Item0 > 0, "the line spread to its right");
        Assert.True(image.At<Vec3b>(20, 20).Item0 < 255, "the line itself dimmed");
        Assert.Equal(0, image.At<Vec3b>(20, 35).Item0);
    }

    [Fact]
    public void SmallFace_ThirtyTwoPixelTarget_RemovesFineDetail()
    {
        using var image = new Mat(128, 128, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        var before = Contrast(image);

        CameraEffects.SmallFace(image, faceWidth: 128, targetFacePixels: 32);

        Assert.True(Contrast(image) < before / 2, $"detail {Contrast(image):0.0} vs {before:0.0} before");
    }

    [Fact]
    public void BackLight_DarkensTheFaceAndClipsItsSurroundTowardsWhite()
    {
        using var image = Flat(150);
        var face = new Rect(10, 10, 20, 20);

        CameraEffects.BackLight(image, face, -1.5, 0.5);

        Assert.InRange(image.At<Vec3b>(20, 20).Item0, 50, 56);
        Assert.InRange(image.At<Vec3b>(0, 0).Item0, 245, 255);
    }

    [Fact]
    public void Jpeg_QualityTwenty_ChangesANoisyImage()
    {
        using var image = new Mat(64, 64, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        using var original = image.Clone();

        CameraEffects.Jpeg(image, 20);

        Assert.True(Cv2.Norm(image, original, NormTypes.L1) / (64 * 64 * 3) > 10);
    }

    [Fact]
    public void Suite_NamesEveryConditionOfTheIssueOnce()
    {
        var names = CameraCondition.Suite.Select(c => c.Name).ToList();

        Assert.Equal(["original", "dark-gamma", "dark-ev", "infrared", "noise", "motion-blur", "jpeg-20", "small-28px", "backlight"], names);
    }

    private static Mat Flat(byte level) => new(40, 40, MatType.CV_8UC3, Scalar.All(level));

    private static double Contrast(Mat image)
    {
        using var grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(grey, out _, out var deviation);
        return deviation.Val0;
    }
}
