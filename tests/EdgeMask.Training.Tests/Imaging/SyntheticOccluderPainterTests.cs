using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

public class SyntheticOccluderPainterTests
{
    private static readonly Rect Face = new(20, 20, 120, 120);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Hand_CoversTheMouthAndLeavesTheEyes(int seed)
    {
        using var image = BareFace();
        using var before = image.Clone();

        SyntheticOccluderPainter.Hand(image, Face, new Random(seed));

        using var changed = ChangedPixels(image, before);
        Assert.Equal(0, Cv2.CountNonZero(changed[new Rect(50, 22, 60, 20)]));    // forehead untouched
        Assert.True(Cv2.CountNonZero(changed[new Rect(65, 100, 30, 12)]) > 250); // mouth hidden
    }

    [Fact]
    public void Hand_TakesItsColourFromTheFace()
    {
        using var image = BareFace();

        SyntheticOccluderPainter.Hand(image, Face, new Random(4));

        var skin = new Scalar(120, 160, 210);
        var mouth = Cv2.Mean(image[new Rect(72, 104, 16, 6)]);
        for (var channel = 0; channel < 3; channel++)
        {
            Assert.InRange(mouth[channel], skin[channel] * 0.6, skin[channel] * 1.3);
        }
    }

    [Fact]
    public void Sunglasses_DarkenTheEyesAndLeaveTheMouth()
    {
        using var image = BareFace();
        using var before = image.Clone();

        SyntheticOccluderPainter.Sunglasses(image, Face, new Random(1));

        using var changed = ChangedPixels(image, before);
        Assert.Equal(0, Cv2.CountNonZero(changed[new Rect(50, 100, 60, 30)]));
        using var gray = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        Assert.True(Cv2.Mean(gray[new Rect(52, 62, 10, 6)]).Val0 < 110, "the left lens should be dark"); // skin is ~170
    }

    [Fact]
    public void TrainingImage_HandOnBareFace_KeepsWithoutMask()
    {
        var factory = new SampleFactory(InputSpec.Default, AugmentationOptions.None, ClassScheme.ThreeClass, new SyntheticMaskOptions(0, 0, 0.9, 1));
        using var face = new FaceImage(new LabeledImage("bare.png", "without_mask", ClassScheme.WithoutMask, DataSplit.Train), BareFace(), new EdgeMask.Core.Faces.FaceDetection(new EdgeMask.Core.Geometry.PixelBox(Face.X, Face.Y, Face.Width, Face.Height), 1f));

        var labels = Enumerable.Range(0, 20).Select(i =>
        {
            var (sample, label) = factory.TrainingImage(face, new Random(i));
            sample.Dispose();
            return label;
        });

        Assert.All(labels, label => Assert.Equal(ClassScheme.WithoutMask, label));
    }

    [Theory]
    [InlineData(0.5, 0.3, 0.2, 0.1)]
    [InlineData(0.3, 0.2, -0.1, 0.1)]
    [InlineData(0.3, 0.2, 0.1, 1.5)]
    public void Validate_OutOfRange_NamesTheOption(double overNose, double belowNose, double hand, double sunglasses)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticMaskOptions(overNose, belowNose, hand, sunglasses).Validate());

        Assert.Contains("--synthetic-", error.Message);
    }

    private static Mat BareFace()
    {
        var image = new Mat(160, 160, MatType.CV_8UC3, new Scalar(200, 200, 200));
        Cv2.Ellipse(image, new Point(80, 80), new Size(50, 60), 0, 0, 360, new Scalar(120, 160, 210), -1);
        return image;
    }

    private static Mat ChangedPixels(Mat after, Mat before)
    {
        using var difference = new Mat();
        Cv2.Absdiff(after, before, difference);
        return difference.CvtColor(ColorConversionCodes.BGR2GRAY);
    }
}
