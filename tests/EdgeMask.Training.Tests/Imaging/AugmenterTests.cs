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
    public void Augment_WholeImageAlways_FramesADetectedFaceLikeAnUndetectedOne()
    {
        using var image = Gradient(120, 100);
        var face = new Rect(40, 50, 40, 40);
        var whole = new Augmenter(AugmentationOptions.None with { WholeImageProbability = 1 }, InputSpec.Default);
        var detected = new Augmenter(AugmentationOptions.None, InputSpec.Default);

        using var framedAsWhole = whole.Augment(image, face, new Random(3));
        using var undetected = detected.Augment(image, null, new Random(3));
        using var framedAsFace = detected.Augment(image, face, new Random(3));

        Assert.Equal(0, Cv2.Norm(framedAsWhole, undetected, NormTypes.L1));
        Assert.NotEqual(0, Cv2.Norm(framedAsFace, undetected, NormTypes.L1));
    }

    [Fact]
    public void Augment_WholeImageOff_DrawsNoExtraRandomNumber()
    {
        // Models trained before the option existed must reproduce exactly: with it off, the random sequence is unchanged.
        using var image = Gradient(120, 100);
        var face = new Rect(40, 50, 40, 40);
        var off = new CountingRandom(7);
        var on = new CountingRandom(7);

        using var withOff = new Augmenter(AugmentationOptions.None, InputSpec.Default).Augment(image, face, off);
        using var withOn = new Augmenter(AugmentationOptions.None with { WholeImageProbability = 0.5 }, InputSpec.Default).Augment(image, face, on);

        Assert.Equal(off.Draws + 1, on.Draws);
    }

    [Fact]
    public void Validate_RotationAboveForty_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationOptions { RotationDegrees = 50 }.Validate());

        Assert.Contains("Augmentation:RotationDegrees must be 0-40", error.Message);
    }

    [Fact]
    public void Validate_WholeImageAboveOne_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationOptions { WholeImageProbability = 1.5 }.Validate());

        Assert.Contains("Augmentation:WholeImageProbability must be 0-1", error.Message);
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

    private static Mat Gradient(int rows, int cols)
    {
        var image = new Mat(rows, cols, MatType.CV_8UC3, Scalar.All(0));
        for (var y = 0; y < rows; y++)
        {
            Cv2.Line(image, new Point(0, y), new Point(cols - 1, y), new Scalar(y * 2, 255 - y * 2, (y * 7) % 256));
        }

        Cv2.Circle(image, new Point(60, 70), 15, Scalar.White, -1);
        return image;
    }

    /// <summary>Counts draws: a class derived from Random makes every public draw call Sample.</summary>
    private sealed class CountingRandom(int seed) : Random(seed)
    {
        public int Draws { get; private set; }

        protected override double Sample()
        {
            Draws++;
            return base.Sample();
        }
    }
}
