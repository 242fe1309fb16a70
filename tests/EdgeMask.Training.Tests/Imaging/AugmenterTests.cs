using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

public class AugmenterTests
{
    [Fact]
    public void Augment_SameSeed_GivesIdenticalPixels()
    {
        using var image = new Mat(120, 100, MatType.CV_8UC3, new Scalar(30, 120, 200));
        Cv2.Circle(image, new Point(50, 60), 30, Scalar.White, -1);
        var augmenter = new Augmenter(new AugmentationOptions { NoiseProbability = 1, JpegProbability = 1 }, InputSpec.Default);

        using var first = augmenter.Augment(image, new Rect(20, 30, 60, 60), new Random(5));
        using var second = augmenter.Augment(image, new Rect(20, 30, 60, 60), new Random(5));

        Assert.Equal(new Size(64, 64), first.Size());
        Assert.Equal(0, Cv2.Norm(first, second, NormTypes.L1));
    }

    [Fact]
    public void Augment_NoAugmentation_EqualsRuntimeCropOfTheWholeImage()
    {
        using var image = new Mat(64, 64, MatType.CV_8UC3, new Scalar(10, 20, 30));
        var augmenter = new Augmenter(AugmentationOptions.None, InputSpec.Default);

        using var sample = augmenter.Augment(image, null, new Random(1));

        Assert.Equal(0, Cv2.Norm(sample, image, NormTypes.L1));
    }

    [Fact]
    public void Validate_RotationAboveForty_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationOptions { RotationDegrees = 50 }.Validate());

        Assert.Contains("Augmentation:RotationDegrees must be 0-40", error.Message);
    }

    [Fact]
    public void Paint_OverNose_CoversTheLowerFaceOnly()
    {
        using var image = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(128));
        using var before = image.Clone();

        SyntheticMaskPainter.Paint(image, new Rect(10, 10, 80, 80), MaskPlacement.OverNose, new Random(2));

        using var difference = new Mat();
        Cv2.Absdiff(image, before, difference);
        using var gray = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
        Assert.Equal(0, Cv2.CountNonZero(gray[new Rect(30, 12, 40, 15)]));   // forehead and eyes untouched
        Assert.True(Cv2.CountNonZero(gray[new Rect(30, 70, 40, 15)]) > 400); // mouth and chin covered
    }
}
