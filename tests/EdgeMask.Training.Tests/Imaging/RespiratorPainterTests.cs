using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

/// <summary>--synthetic-respirator: some painted masks over the nose are respirators (cup, valve, straps).</summary>
public sealed class RespiratorPainterTests
{
    [Fact]
    public void Outline_ReachesFromTheNoseBridgeToBelowTheChin()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var outline = SyntheticRespiratorPainter.Outline(new Random(seed));

            Assert.InRange(outline.Min(p => p.Y), 0.3, FaceFrame.NoseTipY - 0.1);
            Assert.InRange(outline.Max(p => p.Y), 1.0, 1.15);
            Assert.InRange(outline.Min(p => p.X), 0.05, 0.25);
            Assert.InRange(outline.Max(p => p.X), 0.75, 0.95);
        }
    }

    [Fact]
    public void Paint_CoversNoseAndMouthAndLeavesTheEyes()
    {
        var skin = new Scalar(120, 160, 210);
        using var face = new Mat(140, 120, MatType.CV_8UC3, skin);
        var frame = FaceFrame.FromBox(new Rect(10, 10, 100, 120));

        SyntheticRespiratorPainter.Paint(face, frame, new Random(3));

        var mouth = face.At<Vec3b>(10 + (int)(0.78 * 120), 10 + 40);
        var eye = face.At<Vec3b>(10 + (int)(0.25 * 120), 10 + 31);
        Assert.NotEqual(Vec(skin), mouth);
        Assert.Equal(Vec(skin), eye);
    }

    [Fact]
    public void TrainingImage_RespiratorsOn_PaintsSomeMasksAsRespiratorsAndLabelsThemMasked()
    {
        using var bare = BareFace();
        var everyMaskPainted = SyntheticMaskOptions.None with { OverNoseProbability = 0.9 };
        var flat = new SampleFactory(InputSpec.Default, AugmentationOptions.None, ClassScheme.ThreeClass, everyMaskPainted);
        var respirators = new SampleFactory(InputSpec.Default, AugmentationOptions.None, ClassScheme.ThreeClass, everyMaskPainted with { RespiratorShare = 1 });

        var differing = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var (a, labelA) = flat.TrainingImage(bare, new Random(seed));
            var (b, labelB) = respirators.TrainingImage(bare, new Random(seed));
            Assert.Equal(labelA, labelB);
            differing += labelB == ClassScheme.WithMask && Cv2.Norm(a, b, NormTypes.L1) > 0 ? 1 : 0;
            a.Dispose();
            b.Dispose();
        }

        Assert.InRange(differing, 12, 20);
    }

    [Fact]
    public void TrainingImage_RespiratorsOff_DrawsNothingExtra_SoEarlierRecipesKeepTheirSamples()
    {
        using var bare = BareFace();
        var before = new SampleFactory(InputSpec.Default, new AugmentationOptions(), ClassScheme.ThreeClass, new SyntheticMaskOptions());
        var off = new SampleFactory(InputSpec.Default, new AugmentationOptions(), ClassScheme.ThreeClass, new SyntheticMaskOptions() with { RespiratorShare = 0 });

        for (var seed = 0; seed < 10; seed++)
        {
            var (a, labelA) = before.TrainingImage(bare, new Random(seed));
            var (b, labelB) = off.TrainingImage(bare, new Random(seed));
            Assert.Equal(labelA, labelB);
            Assert.Equal(0, Cv2.Norm(a, b, NormTypes.L1));
            a.Dispose();
            b.Dispose();
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Validate_RespiratorShareOutOfRange_NamesTheOption(double share)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (new SyntheticMaskOptions() with { RespiratorShare = share }).Validate());

        Assert.Contains("--synthetic-respirator", error.Message, StringComparison.Ordinal);
    }

    private static Vec3b Vec(Scalar colour) => new((byte)colour.Val0, (byte)colour.Val1, (byte)colour.Val2);

    private static FaceImage BareFace()
    {
        var image = new Mat(180, 160, MatType.CV_8UC3, new Scalar(90, 90, 90));
        Cv2.Ellipse(image, new Point(80, 80), new Size(55, 65), 0, 0, 360, new Scalar(110, 150, 200), -1);
        return new FaceImage(new LabeledImage("bare.png", "without_mask", ClassScheme.WithoutMask, DataSplit.Train), image, null);
    }
}
