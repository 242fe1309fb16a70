using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Tests;

public class ClassificationMetricsTests
{
    private static ClassifiedSample Sample(MaskStatus truth, MaskStatus top, float confidence, bool uncertain = false) =>
        new(truth, new MaskPrediction(uncertain ? MaskStatus.Uncertain : top, confidence, top));

    [Fact]
    public void Compute_HandWorkedExample_GivesKnownFigures()
    {
        // 4 masked: 3 right, 1 called no mask. 2 unmasked: 1 right, 1 uncertain (top class no mask).
        var samples = new[]
        {
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.9f),
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.8f),
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.95f),
            Sample(MaskStatus.Mask, MaskStatus.NoMask, 0.7f),
            Sample(MaskStatus.NoMask, MaskStatus.NoMask, 0.99f),
            Sample(MaskStatus.NoMask, MaskStatus.NoMask, 0.6f, uncertain: true),
        };

        var m = ClassificationMetrics.Compute(samples);

        Assert.Equal(6, m.Samples);
        Assert.Equal(4.0 / 6, m.Accuracy, 6);
        Assert.Equal(((3.0 / 4) + (1.0 / 2)) / 2, m.BalancedAccuracy, 6);
        Assert.Equal(5.0 / 6, m.Coverage, 6);
        Assert.Equal(4.0 / 5, m.AccuracyWhenDecided, 6);
        var mask = m.PerClass.Single(c => c.Label == MaskLabels.WithMask);
        var noMask = m.PerClass.Single(c => c.Label == MaskLabels.WithoutMask);
        Assert.Equal(1.0, mask.Precision!.Value, 6);
        Assert.Equal(0.75, mask.Recall!.Value, 6);
        Assert.Equal(0.5, noMask.Precision!.Value, 6);
        Assert.Equal(0.5, noMask.Recall!.Value, 6);
        Assert.Equal(1, m.Confusion[MaskStatus.Mask, MaskStatus.NoMask]);
        Assert.Equal(1, m.Confusion[MaskStatus.NoMask, MaskStatus.Uncertain]);
    }

    [Fact]
    public void RocAuc_HandWorkedRanking_CountsPairsAndHalfTies()
    {
        // Violation scores: masked 0.1, 0.2, 0.5 ; unmasked 0.5, 0.9.
        // Pairs (pos > neg): 0.9 beats all 3 -> 3; 0.5 beats 0.1 and 0.2 -> 2, ties 0.5 -> 0.5. AUC = 5.5 / 6.
        var samples = new[]
        {
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.9f),
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.8f),
            Sample(MaskStatus.Mask, MaskStatus.NoMask, 0.5f),
            Sample(MaskStatus.NoMask, MaskStatus.NoMask, 0.5f),
            Sample(MaskStatus.NoMask, MaskStatus.NoMask, 0.9f),
        };

        Assert.Equal(5.5 / 6, ClassificationMetrics.RocAucOf(samples)!.Value, 4);
    }

    [Fact]
    public void RocAuc_OneClassOnly_IsUndefined()
    {
        Assert.Null(ClassificationMetrics.RocAucOf([Sample(MaskStatus.Mask, MaskStatus.Mask, 0.9f)]));
    }

    [Fact]
    public void CalibrationError_OverconfidentBin_IsTheGap()
    {
        // One bin (0.9-1.0): confidence 0.9 average, accuracy 0.5 -> ECE 0.4.
        var samples = new[]
        {
            Sample(MaskStatus.Mask, MaskStatus.Mask, 0.9f),
            Sample(MaskStatus.NoMask, MaskStatus.Mask, 0.9f),
        };

        Assert.Equal(0.4, ClassificationMetrics.CalibrationErrorOf(samples), 4);
    }
}
