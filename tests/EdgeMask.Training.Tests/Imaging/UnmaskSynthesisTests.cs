using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

/// <summary>--synthetic-unmask: a masked face whose mask is covered by a bare face's real lower face becomes without_mask.</summary>
public sealed class UnmaskSynthesisTests
{
    // A 120 px face at (20, 20) in a 160 x 180 image: canonical landmarks scaled into that box.
    private static readonly FaceLandmarks Landmarks = new(
        new PixelPoint(20 + (0.31f * 120), 20 + (0.40f * 120)),
        new PixelPoint(20 + (0.69f * 120), 20 + (0.40f * 120)),
        new PixelPoint(20 + (0.50f * 120), 20 + (0.60f * 120)),
        new PixelPoint(20 + (0.36f * 120), 20 + (0.78f * 120)),
        new PixelPoint(20 + (0.64f * 120), 20 + (0.78f * 120)));

    [Fact]
    public void TrainingImage_MaskedFaceWithABareDonor_GetsTheDonorsLowerFaceAndBecomesWithoutMask()
    {
        using var masked = MaskedFace();
        using var bare = BareFace();
        var factory = new SampleFactory(InputSpec.Default, AugmentationOptions.None, ClassScheme.ThreeClass, SyntheticMaskOptions.None with { UnmaskProbability = 0.9 }, bareDonors: [bare]);

        var labels = Enumerable.Range(0, 40).Select(i =>
        {
            var (sample, label) = factory.TrainingImage(masked, new Random(i));
            if (label == ClassScheme.WithoutMask)
            {
                // The mask's blue is gone from the mouth, replaced by the donor's skin.
                var mouth = Cv2.Mean(sample[new Rect(28, 40, 8, 4)]);
                Assert.True(mouth.Val2 > mouth.Val0, $"the mouth region is still mask-blue: {mouth}");
            }

            sample.Dispose();
            return label;
        }).ToList();

        Assert.InRange(labels.Count(l => l == ClassScheme.WithoutMask), 28, 40);
        Assert.All(labels, l => Assert.True(l is ClassScheme.WithoutMask or ClassScheme.WithMask));
    }

    [Fact]
    public void TrainingImage_UnmaskOff_DrawsNothingExtra_SoEarlierRecipesKeepTheirSamples()
    {
        using var masked = MaskedFace();
        using var bare = BareFace();
        var off = new SampleFactory(InputSpec.Default, new AugmentationOptions(), ClassScheme.ThreeClass, new SyntheticMaskOptions());
        var offWithDonors = new SampleFactory(InputSpec.Default, new AugmentationOptions(), ClassScheme.ThreeClass, new SyntheticMaskOptions(), bareDonors: [bare]);

        var (a, labelA) = off.TrainingImage(masked, new Random(5));
        var (b, labelB) = offWithDonors.TrainingImage(masked, new Random(5));

        Assert.Equal(labelA, labelB);
        Assert.Equal(0, Cv2.Norm(a, b, NormTypes.L1));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void RegionInside_ADonorWhoseChinLeavesTheImage_IsNoDonor()
    {
        var frame = FaceFrame.FromLandmarks(Landmarks);

        Assert.True(MaskTransplanter.RegionInside(frame, new Size(160, 180)));
        Assert.False(MaskTransplanter.RegionInside(frame, new Size(160, 140)));
    }

    [Fact]
    public void Validate_UnmaskOutOfRange_NamesTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (new SyntheticMaskOptions() with { UnmaskProbability = 0.95 }).Validate());

        Assert.Contains("--synthetic-unmask", error.Message, StringComparison.Ordinal);
    }

    private static FaceImage MaskedFace()
    {
        var image = Face(new Scalar(120, 160, 210));
        // A blue mask from the nose down.
        Cv2.Rectangle(image, new Rect(35, 80, 90, 62), new Scalar(220, 120, 40), -1);
        return new FaceImage(new LabeledImage("masked.png", "with_mask", ClassScheme.WithMask, DataSplit.Train), image, Detection());
    }

    private static FaceImage BareFace() =>
        new(new LabeledImage("bare.png", "without_mask", ClassScheme.WithoutMask, DataSplit.Train), Face(new Scalar(110, 150, 200)), Detection());

    private static FaceDetection Detection() => new(new PixelBox(20, 20, 120, 120), 1f, Landmarks);

    private static Mat Face(Scalar skin)
    {
        var image = new Mat(180, 160, MatType.CV_8UC3, new Scalar(90, 90, 90));
        Cv2.Ellipse(image, new Point(80, 80), new Size(55, 65), 0, 0, 360, skin, -1);
        return image;
    }
}
