using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Robustness;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Tests.Robustness;

public sealed class RobustnessSuiteTests
{
    [Fact]
    public void Add_OneFace_ClassifiesItOncePerConditionInItsSurroundings()
    {
        var classifier = new BrightnessClassifier();
        var suite = new RobustnessSuite(classifier);
        using var frame = new Mat(200, 300, MatType.CV_8UC3, Scalar.All(180));

        suite.Add(frame, new FaceDetection(new PixelBox(100, 80, 40, 40), 0.9f), MaskStatus.NoMask, seed: 1);

        Assert.Equal(CameraCondition.Suite.Count, classifier.Calls.Count);

        // The face grown by half its size per side: 80x80 around it, the face at (20, 20) inside.
        Assert.All(classifier.Calls, call => Assert.Equal((80, 80, new PixelBox(20, 20, 40, 40)), call));
    }

    [Fact]
    public void Add_WithAnObserver_ShowsItEveryVerdictOnTheImageTheConditionMade()
    {
        var seen = new List<(string Condition, double Brightness, PixelBox Face, MaskStatus Truth, MaskStatus Verdict)>();
        var suite = new RobustnessSuite(new BrightnessClassifier(), observer: v =>
            seen.Add((v.Condition.Name, Cv2.Mean(v.Image).Val0, v.Face.Box, v.Truth, v.Prediction.Status)));
        using var frame = new Mat(200, 300, MatType.CV_8UC3, Scalar.All(180));

        suite.Add(frame, new FaceDetection(new PixelBox(100, 80, 40, 40), 0.9f), MaskStatus.WornIncorrectly, seed: 1);

        Assert.Equal(CameraCondition.Suite.Select(c => c.Name), seen.Select(s => s.Condition));
        Assert.All(seen, s => Assert.Equal((new PixelBox(20, 20, 40, 40), MaskStatus.WornIncorrectly), (s.Face, s.Truth)));
        var byName = seen.ToDictionary(s => s.Condition);
        Assert.Equal(180, byName["original"].Brightness, 1);
        Assert.True(byName["dark-ev"].Brightness < 100, "the observer sees the under-exposed image, not the original");
        Assert.Equal(MaskStatus.Mask, byName["dark-ev"].Verdict);
    }

    [Fact]
    public void Results_DarkConditions_CountedApartFromTheOriginal()
    {
        // The stand-in calls a bright face bare (flagged) and a dark one masked, so under-exposure turns a right call wrong.
        var suite = new RobustnessSuite(new BrightnessClassifier());
        using var frame = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(180));

        suite.Add(frame, new FaceDetection(new PixelBox(30, 30, 40, 40), 0.9f), MaskStatus.NoMask, seed: 1);
        suite.Add(frame, new FaceDetection(new PixelBox(30, 30, 40, 40), 0.9f), MaskStatus.Mask, seed: 2);

        var results = suite.Results.ToDictionary(r => r.Condition.Name, r => r.Verdicts);
        Assert.Equal(1.0, results["original"].BareRecall);
        Assert.Equal(0.0, results["original"].MaskedRecall);
        Assert.Equal(0.0, results["dark-ev"].BareRecall);
        Assert.Equal(1.0, results["dark-ev"].MaskedRecall);
    }

    /// <summary>A stand-in for the model that records what it was asked: "no mask" for a bright face, "mask" for a dark one.</summary>
    private sealed class BrightnessClassifier : IMaskClassifier
    {
        public List<(int Width, int Height, PixelBox Face)> Calls { get; } = [];

        public MaskModelInfo Model => throw new NotSupportedException();

        public IReadOnlyList<MaskPrediction> Classify(Mat bgrFrame, IReadOnlyList<FaceDetection> faces)
        {
            Calls.Add((bgrFrame.Width, bgrFrame.Height, faces[0].Box));
            var box = faces[0].Box;
            using var face = new Mat(bgrFrame, new Rect(box.X, box.Y, box.Width, box.Height));
            var status = Cv2.Mean(face).Val0 > 100 ? MaskStatus.NoMask : MaskStatus.Mask;
            return [new MaskPrediction(status, 0.9f, status)];
        }

        public void Dispose()
        {
        }
    }
}
