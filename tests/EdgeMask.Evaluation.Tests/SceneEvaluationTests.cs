using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Tests;

public class SceneEvaluationTests
{
    private static MaskPrediction Said(MaskStatus status) => new(status, 0.9f, status);

    [Fact]
    public void From_TwoScenes_GivesHandComputedRecallPrecisionAndAccuracy()
    {
        // Scene 1: a masked 40 px face (found, called mask) and an unmasked 100 px face (missed);
        //          one false detection of 20 px.
        // Scene 2: an unmasked 150 px face found and called mask (wrong verdict).
        var scene1 = new AnnotatedImage("1.png", 400, 300,
        [
            new AnnotatedFace(new PixelBox(10, 10, 40, 40), MaskStatus.Mask, "with_mask"),
            new AnnotatedFace(new PixelBox(200, 100, 100, 100), MaskStatus.NoMask, "without_mask"),
        ]);
        var scene2 = new AnnotatedImage("2.png", 400, 300,
        [
            new AnnotatedFace(new PixelBox(50, 50, 150, 150), MaskStatus.NoMask, "without_mask"),
        ]);

        var r1 = SceneEvaluator.Score(
            scene1,
            [new FaceObservation(new PixelBox(12, 11, 40, 40), 1, Said(MaskStatus.Mask)), new FaceObservation(new PixelBox(350, 250, 20, 20), 1, Said(MaskStatus.NoMask))]);
        var r2 = SceneEvaluator.Score(scene2, [new FaceObservation(new PixelBox(55, 52, 150, 150), 1, Said(MaskStatus.Mask))]);

        var e = SceneEvaluation.From([r1, r2], TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, e.Detection.Truths);
        Assert.Equal(2.0 / 3, e.Detection.Recall!.Value, 6);
        Assert.Equal(2.0 / 3, e.Detection.Precision!.Value, 6);
        Assert.Equal(1.0, e.DetectionBySize[FaceSizeBucket.Small].Recall!.Value, 6);
        Assert.Equal(0.0, e.DetectionBySize[FaceSizeBucket.Medium].Recall!.Value, 6);
        Assert.Equal(1.0, e.DetectionBySize[FaceSizeBucket.Large].Recall!.Value, 6);
        Assert.Equal(0.0, e.DetectionBySize[FaceSizeBucket.Tiny].Precision!.Value, 6);
        Assert.Equal(1.0, e.MaskedFaces.Recall!.Value, 6);
        Assert.Equal(0.5, e.UnmaskedFaces.Recall!.Value, 6);
        Assert.Equal(2, e.Classification.Samples);
        Assert.Equal(0.5, e.Classification.Accuracy, 6);

        // Scene 1: truth "someone unmasked" yes; predicted yes (the false detection said no mask) -> right.
        // Scene 2: truth yes; predicted no -> wrong.
        Assert.Equal(0.5, e.ImageLevelAccuracy, 6);
        Assert.Equal(20, e.FramesPerSecond, 3);
    }
}
