using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

public sealed class OnnxMaskClassifierTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Classify_RedAndBlueFaces_GivesMaskAndNoMaskWithTheModelsProbabilities()
    {
        var model = TinyMaskModel.RedMeansMask(gain: 3f);
        using var harness = ClassifierHarness.Create(model);
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(40, 60, 220), TestFrames.Bgr(200, 90, 30)], out var faces);

        var results = harness.Classifier.Classify(frame, faces);

        Assert.Equal(2, results.Count);
        AssertPrediction(results[0], MaskStatus.Mask, model.ExpectedProbabilities(40, 60, 220)[0]);
        AssertPrediction(results[1], MaskStatus.NoMask, model.ExpectedProbabilities(200, 90, 30)[1]);
    }

    [Fact]
    public void Classify_WithAGreyModel_SendsGreyFacesToIt_AndColourFacesToTheMainModel()
    {
        var main = TinyMaskModel.RedMeansMask(gain: 3f);
        // The grey model ignores its input: it always says without_mask with the probability its bias gives.
        var grey = (TinyMaskModel.RedMeansMask() with { Weights = new float[3, 2], Bias = [0f, 4f] })
            .WithMetadata(MaskModelMetadata.InputColour, "grey");
        using var routed = ClassifierHarness.CreateWithGreyModel(main, grey);
        using var unroutedHarness = ClassifierHarness.Create(main);
        // Red, grey, grey with 2 levels of chroma noise, blue.
        using var frame = TestFrames.WithFaces(
            [TestFrames.Bgr(40, 60, 220), TestFrames.Bgr(120, 120, 120), TestFrames.Bgr(119, 121, 120), TestFrames.Bgr(200, 90, 30)],
            out var faces);

        var results = routed.Classifier.Classify(frame, faces);

        var fromGrey = grey.ExpectedProbabilities(120, 120, 120)[1];
        AssertPrediction(results[0], MaskStatus.Mask, main.ExpectedProbabilities(40, 60, 220)[0]);
        AssertPrediction(results[1], MaskStatus.NoMask, fromGrey);
        AssertPrediction(results[2], MaskStatus.NoMask, fromGrey);
        AssertPrediction(results[3], MaskStatus.NoMask, main.ExpectedProbabilities(200, 90, 30)[1]);
        var unrouted = unroutedHarness.Classifier.Classify(frame, faces)[1];
        Assert.Equal(0.5f, unrouted.Confidence, Tolerance);
    }

    [Fact]
    public void Classify_GreyMaxChroma_ReloadsAndDecidesWhichFacesAreGrey()
    {
        var main = TinyMaskModel.RedMeansMask(gain: 3f);
        var grey = (TinyMaskModel.RedMeansMask() with { Weights = new float[3, 2], Bias = [0f, 4f] })
            .WithMetadata(MaskModelMetadata.InputColour, "grey");
        using var harness = ClassifierHarness.CreateWithGreyModel(main, grey);
        // A faint warm tint: 6 levels between blue and red.
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(117, 120, 123)], out var faces);
        var greyAnswer = grey.ExpectedProbabilities(120, 120, 120)[1];

        Assert.NotEqual(greyAnswer, harness.Classifier.Classify(frame, faces)[0].Confidence, Tolerance);
        harness.Reload("Classification:GreyMaxChroma", "8");
        Assert.Equal(greyAnswer, harness.Classifier.Classify(frame, faces)[0].Confidence, Tolerance);
    }

    [Fact]
    public void Classify_GreyModelAsTheMainModel_SeesEveryCropGrey()
    {
        // A red-means-mask model told its input is grey: a red crop becomes grey, red minus blue is 0, a coin toss.
        var model = TinyMaskModel.RedMeansMask(gain: 3f).WithMetadata(MaskModelMetadata.InputColour, "grey");
        using var harness = ClassifierHarness.Create(model, new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0.6" });
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(40, 60, 220)], out var faces);

        var result = harness.Classifier.Classify(frame, faces)[0];

        Assert.Equal(MaskStatus.Uncertain, result.Status);
        Assert.Equal(0.5f, result.Confidence, Tolerance);
    }

    [Fact]
    public void Classify_StandardisedGreyModel_SeesEveryExposureOfAFlatFaceAtOneLevel()
    {
        // Score rises with brightness; standardised, a flat face of any brightness becomes mid-grey (one answer).
        var brightMeansMask = TinyMaskModel.RedMeansMask() with { Weights = new float[,] { { 4f, 0f }, { 4f, 0f }, { 4f, 0f } }, Bias = [-6f, 0f] };
        var standardised = brightMeansMask.WithMetadata(MaskModelMetadata.InputColour, "grey").WithMetadata(MaskModelMetadata.InputContrast, "standardised");
        using var plain = ClassifierHarness.Create(brightMeansMask.WithMetadata(MaskModelMetadata.InputColour, "grey"));
        using var harness = ClassifierHarness.Create(standardised);
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(40, 40, 40), TestFrames.Bgr(200, 200, 200)], out var faces);

        var expected = standardised.ExpectedProbabilities(128, 128, 128);
        var results = harness.Classifier.Classify(frame, faces);
        Assert.All(results.Take(2), result => Assert.Equal(expected.Max(), result.Confidence, Tolerance));
        var unstandardised = plain.Classifier.Classify(frame, faces);
        Assert.NotEqual(unstandardised[0].Confidence, unstandardised[1].Confidence, Tolerance);
    }

    [Fact]
    public void Classify_NormalisationAndChannelOrderFromMetadata_AreApplied()
    {
        var model = TinyMaskModel.RedMeansMask(gain: 2f) with
        {
            ChannelOrder = ChannelOrder.Bgr,
            Mean = [0.3f, 0.5f, 0.6f],
            Std = [0.5f, 0.25f, 0.8f],
        };
        using var harness = ClassifierHarness.Create(model, new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0.5" });
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(40, 60, 220)], out var faces);

        var result = harness.Classifier.Classify(frame, faces)[0];

        // In BGR order plane 0 is blue, so this red face scores as "without_mask".
        var expected = model.ExpectedProbabilities(40, 60, 220);
        Assert.True(expected[1] > expected[0]);
        AssertPrediction(result, MaskStatus.NoMask, expected[1]);
    }

    [Fact]
    public void Classify_BatchOfFaces_MatchesClassifyingOneByOne()
    {
        using var harness = ClassifierHarness.Create(
            TinyMaskModel.RedMeansMask(gain: 25f),
            new Dictionary<string, string?> { ["Classification:MaxBatchSize"] = "3" });
        using var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, "messi5.jpg"));
        Assert.False(photo.Empty(), "messi5.jpg from opencv-doc is needed");
        PixelBox[] faces =
        [
            new(200, 60, 70, 80), new(10, 10, 60, 60), new(300, 200, 90, 90), new(100, 150, 40, 50),
            new(400, 50, 100, 100), new(0, 250, 80, 80), new(480, 260, 60, 60),
        ];

        var batch = harness.Classifier.Classify(photo, faces);
        var single = faces.Select(face => harness.Classifier.Classify(photo, [face])[0]).ToArray();

        Assert.Equal(faces.Length, batch.Count);
        for (var i = 0; i < faces.Length; i++)
        {
            Assert.Equal(single[i].TopClass, batch[i].TopClass);
            Assert.Equal(single[i].Status, batch[i].Status);
            Assert.Equal(single[i].Confidence, batch[i].Confidence, Tolerance);
        }

        Assert.True(batch.Select(p => p.Confidence).Distinct().Count() > 1, "the photo's crops should not all score the same");
    }

    [Fact]
    public void Classify_MoreFacesThanMaxBatchSize_ClassifiesEveryFace()
    {
        var model = TinyMaskModel.RedMeansMask();
        using var harness = ClassifierHarness.Create(model, new Dictionary<string, string?> { ["Classification:MaxBatchSize"] = "2" });
        Scalar red = TestFrames.Bgr(0, 0, 255), blue = TestFrames.Bgr(255, 0, 0);
        using var frame = TestFrames.WithFaces([red, blue, red, red, blue], out var faces);

        var results = harness.Classifier.Classify(frame, faces);

        Assert.Equal(
            [MaskStatus.Mask, MaskStatus.NoMask, MaskStatus.Mask, MaskStatus.Mask, MaskStatus.NoMask],
            results.Select(r => r.Status));
    }

    [Fact]
    public void Classify_ThreeClassModel_ReportsWornIncorrectly()
    {
        var model = TinyMaskModel.ThreeClass(gain: 4f);
        using var harness = ClassifierHarness.Create(model);
        using var frame = TestFrames.WithFaces(
            [TestFrames.Bgr(0, 0, 255), TestFrames.Bgr(255, 0, 0), TestFrames.Bgr(20, 240, 20)],
            out var faces);

        var results = harness.Classifier.Classify(frame, faces);

        Assert.Equal(3, harness.Classifier.Model.Classes.Count);
        AssertPrediction(results[0], MaskStatus.Mask, model.ExpectedProbabilities(0, 0, 255)[0]);
        // For the unmasked classes the confidence is that of "not masked": 1 - P(mask).
        AssertPrediction(results[1], MaskStatus.NoMask, 1 - model.ExpectedProbabilities(255, 0, 0)[0]);
        AssertPrediction(results[2], MaskStatus.WornIncorrectly, 1 - model.ExpectedProbabilities(20, 240, 20)[0]);
    }

    [Theory]
    [InlineData(0.05f, 0.50f, 0.45f, MaskStatus.NoMask, 0.95f)]
    [InlineData(0.05f, 0.40f, 0.55f, MaskStatus.WornIncorrectly, 0.95f)]
    [InlineData(0.40f, 0.35f, 0.25f, MaskStatus.Uncertain, 0.60f)]
    [InlineData(0.75f, 0.15f, 0.10f, MaskStatus.Mask, 0.75f)]
    public void Decide_UnmaskedProbabilitySplitOverTwoClasses_StillDecidesNotMasked(float mask, float noMask, float worn, MaskStatus expected, float confidence)
    {
        using var harness = ClassifierHarness.Create(TinyMaskModel.ThreeClass(gain: 4f));
        var classifier = (OnnxMaskClassifier)harness.Classifier;

        var prediction = classifier.Decide([mask, noMask, worn], threshold: 0.7);

        Assert.Equal(expected, prediction.Status);
        Assert.Equal(confidence, prediction.Confidence, 4);
    }

    [Fact]
    public void Classify_LogitsModel_AppliesSoftmaxToMatchTheProbabilitiesModel()
    {
        var probabilities = TinyMaskModel.RedMeansMask(gain: 3f);
        var logits = probabilities with { OutputsLogits = true };
        using var withSoftmax = ClassifierHarness.Create(probabilities);
        using var withoutSoftmax = ClassifierHarness.Create(logits);
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(90, 100, 170), TestFrames.Bgr(160, 10, 120)], out var faces);

        var fromProbabilities = withSoftmax.Classifier.Classify(frame, faces);
        var fromLogits = withoutSoftmax.Classifier.Classify(frame, faces);

        Assert.False(withoutSoftmax.Classifier.Model.OutputsProbabilities);
        for (var i = 0; i < faces.Length; i++)
        {
            Assert.Equal(fromProbabilities[i], fromLogits[i] with { Confidence = fromProbabilities[i].Confidence });
            Assert.Equal(fromProbabilities[i].Confidence, fromLogits[i].Confidence, Tolerance);
        }

        AssertPrediction(fromLogits[0], MaskStatus.Mask, logits.ExpectedProbabilities(90, 100, 170)[0]);
    }

    [Fact]
    public void Classify_ConfidenceBelowThreshold_IsUncertainButKeepsTopClass()
    {
        var model = TinyMaskModel.RedMeansMask(gain: 3f);
        var expected = model.ExpectedProbabilities(110, 128, 150)[0];
        Assert.InRange(expected, 0.6f, 0.8f);
        using var harness = ClassifierHarness.Create(model, new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0.85" });
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(110, 128, 150)], out var faces);

        var result = harness.Classifier.Classify(frame, faces)[0];

        Assert.Equal(new MaskPrediction(MaskStatus.Uncertain, result.Confidence, MaskStatus.Mask), result);
        Assert.Equal(expected, result.Confidence, Tolerance);
    }

    [Fact]
    public void Classify_RuntimeThresholdOverride_WinsUntilCleared()
    {
        using var harness = ClassifierHarness.Create(
            TinyMaskModel.RedMeansMask(gain: 3f),
            new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0.85" });
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(110, 128, 150)], out var faces);

        harness.Controls.SetMaskConfidenceThreshold(0.6);
        var overridden = harness.Classifier.Classify(frame, faces)[0];
        harness.Controls.SetMaskConfidenceThreshold(null);
        var configured = harness.Classifier.Classify(frame, faces)[0];

        Assert.Equal(MaskStatus.Mask, overridden.Status);
        Assert.Equal(MaskStatus.Uncertain, configured.Status);
    }

    [Fact]
    public void Classify_ThresholdChangedInConfiguration_AppliesWithoutRestart()
    {
        using var harness = ClassifierHarness.Create(
            TinyMaskModel.RedMeansMask(gain: 3f),
            new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0.85" });
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(110, 128, 150)], out var faces);
        var classifier = harness.Classifier;

        var before = classifier.Classify(frame, faces)[0];
        harness.Reload("Classification:MinConfidence", "0.6");
        var after = classifier.Classify(frame, faces)[0];

        Assert.Equal(MaskStatus.Uncertain, before.Status);
        Assert.Equal(MaskStatus.Mask, after.Status);
        Assert.Same(classifier, harness.Classifier);
    }

    [Fact]
    public void Classify_CropMargin_ComesFromTheModelUnlessConfigured()
    {
        // A red face in a blue surround: the wider the crop, the more blue the model sees.
        var model = TinyMaskModel.RedMeansMask(gain: 3f) with { CropMargin = 0.5 };
        using var frame = new Mat(new Size(400, 300), MatType.CV_8UC3, TestFrames.Bgr(255, 0, 0));
        frame.Rectangle(new Rect(150, 100, 100, 100), TestFrames.Bgr(0, 0, 255), thickness: -1);
        PixelBox[] faces = [new(150, 100, 100, 100)];
        using var trainedMargin = ClassifierHarness.Create(model, new Dictionary<string, string?> { ["Classification:MinConfidence"] = "0" });
        using var noMargin = ClassifierHarness.Create(model, new Dictionary<string, string?>
        {
            ["Classification:MinConfidence"] = "0",
            ["Classification:CropMarginFraction"] = "0",
        });

        var wide = trainedMargin.Classifier.Classify(frame, faces)[0];
        var tight = noMargin.Classifier.Classify(frame, faces)[0];

        AssertPrediction(tight, MaskStatus.Mask, model.ExpectedProbabilities(0, 0, 255)[0]);
        Assert.Equal(MaskStatus.NoMask, wide.TopClass);
    }

    [Fact]
    public void Classify_FaceOutsideTheFrame_IsUncertainWithZeroConfidence()
    {
        using var harness = ClassifierHarness.Create(TinyMaskModel.RedMeansMask());
        using var frame = TestFrames.WithFaces([TestFrames.Bgr(0, 0, 255)], out var faces);

        var results = harness.Classifier.Classify(frame, [new PixelBox(5000, 5000, 50, 50), faces[0]]);

        Assert.Equal(new MaskPrediction(MaskStatus.Uncertain, 0f, MaskStatus.Uncertain), results[0]);
        Assert.Equal(MaskStatus.Mask, results[1].Status);
    }

    [Fact]
    public void Classify_NoFaces_ReturnsEmpty()
    {
        using var harness = ClassifierHarness.Create(TinyMaskModel.RedMeansMask());
        using var frame = new Mat(new Size(64, 64), MatType.CV_8UC3, Scalar.All(0));

        Assert.Empty(harness.Classifier.Classify(frame, []));
    }

    [Fact]
    public void Classify_GrayscaleFrame_IsRejectedClearly()
    {
        using var harness = ClassifierHarness.Create(TinyMaskModel.RedMeansMask());
        using var frame = new Mat(new Size(64, 64), MatType.CV_8UC1, Scalar.All(0));

        var error = Assert.Throws<ArgumentException>(() => harness.Classifier.Classify(frame, [new PixelBox(0, 0, 32, 32)]));
        Assert.Contains("BGR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_ExposesWhatWasReadFromTheFile()
    {
        using var harness = ClassifierHarness.Create(TinyMaskModel.RedMeansMask() with { InputWidth = 24, InputHeight = 28 });

        Assert.Equal(24, harness.Classifier.Model.InputWidth);
        Assert.Equal(28, harness.Classifier.Model.InputHeight);
        Assert.StartsWith(harness.Directory, harness.Classifier.Model.Path, StringComparison.Ordinal);
    }

    private static void AssertPrediction(MaskPrediction actual, MaskStatus expectedStatus, float expectedConfidence)
    {
        Assert.Equal(expectedStatus, actual.Status);
        Assert.Equal(expectedStatus, actual.TopClass);
        Assert.Equal(expectedConfidence, actual.Confidence, Tolerance);
    }
}
