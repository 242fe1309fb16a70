using EdgeMask.Training.Evaluation;

namespace EdgeMask.Training.Tests.Evaluation;

public class BinaryMetricsTests
{
    // Four with_mask (label 0) and four without_mask (label 1) samples, two classes: [P(with_mask), P(without_mask)].
    private static readonly float[] Probabilities =
    [
        0.9f, 0.1f,  // with_mask, right
        0.8f, 0.2f,  // with_mask, right
        0.7f, 0.3f,  // with_mask, right
        0.4f, 0.6f,  // with_mask, wrong
        0.6f, 0.4f,  // without_mask, wrong
        0.3f, 0.7f,  // without_mask, right
        0.2f, 0.8f,  // without_mask, right
        0.1f, 0.9f,  // without_mask, right
    ];

    private static readonly int[] Labels = [0, 0, 0, 0, 1, 1, 1, 1];

    [Fact]
    public void FromProbabilities_HandComputedCase_GivesConfusionAndRates()
    {
        var metrics = BinaryMetrics.FromProbabilities(Probabilities, Labels, 2);

        Assert.Equal([3, 1], metrics.Confusion[0]);
        Assert.Equal([1, 3], metrics.Confusion[1]);
        Assert.Equal(0.75, metrics.Accuracy, 10);
        Assert.Equal(0.75, metrics.BalancedAccuracy, 10);
        Assert.Equal(0.75, metrics.WithMaskPrecision, 10);
        Assert.Equal(0.75, metrics.WithMaskRecall, 10);
        Assert.Equal(0.75, metrics.WithoutMaskRecall, 10);
    }

    [Fact]
    public void FromProbabilities_HandComputedCase_GivesRocAuc()
    {
        // Violation scores: masked 0.1 0.2 0.3 0.6; bare 0.4 0.7 0.8 0.9. Of 16 (bare, masked) pairs the bare face
        // scores higher in all but (0.4 vs 0.6): AUC = 15/16.
        var metrics = BinaryMetrics.FromProbabilities(Probabilities, Labels, 2);

        Assert.Equal(15.0 / 16, metrics.RocAuc, 10);
    }

    [Fact]
    public void FromProbabilities_HandComputedCase_GivesLogLoss()
    {
        // Probability given to the truth, both classes alike: 0.9, 0.8, 0.7, 0.4 -> mean of -ln.
        var expected = -(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.7) + Math.Log(0.4)) / 4;

        var metrics = BinaryMetrics.FromProbabilities(Probabilities, Labels, 2);

        Assert.Equal(expected, metrics.LogLoss, 6);
    }

    [Fact]
    public void FromProbabilities_CertainAndWrong_GivesAFiniteLogLoss()
    {
        var metrics = BinaryMetrics.FromProbabilities([1f, 0f], [1], 2);

        Assert.Equal(-Math.Log(BinaryMetrics.MinimumProbability), metrics.LogLoss, 6);
    }

    [Fact]
    public void ComputeRocAuc_TiesCountHalf()
    {
        Assert.Equal(0.5, BinaryMetrics.ComputeRocAuc([0.5, 0.5], [true, false]), 10);
        Assert.Equal(1.0, BinaryMetrics.ComputeRocAuc([0.1, 0.9], [false, true]), 10);
    }

    [Fact]
    public void ComputeExpectedCalibrationError_HandComputedBins()
    {
        // Bin (0.8, 0.9]: confidences 0.9, 0.9, accuracy 1/2 -> gap 0.4, weight 2/4.
        // Bin (0.5, 0.6]: confidences 0.6, 0.6, accuracy 2/2 -> gap 0.4, weight 2/4. ECE = 0.4.
        var ece = BinaryMetrics.ComputeExpectedCalibrationError([0.9, 0.9, 0.6, 0.6], [true, false, true, true]);

        Assert.Equal(0.4, ece, 6);
    }

    [Fact]
    public void FromProbabilities_ThreeClasses_CountsWornIncorrectlyAsNoMask()
    {
        float[] probabilities = [0.2f, 0.1f, 0.7f, 0.1f, 0.1f, 0.8f];

        var metrics = BinaryMetrics.FromProbabilities(probabilities, [1, 0], 3);

        Assert.Equal([0, 0, 1], metrics.Confusion[1]);
        Assert.Equal([0, 0, 1], metrics.Confusion[0]);
        Assert.Equal(1.0, metrics.WithoutMaskRecall, 10);
        Assert.Equal(0.0, metrics.WithMaskRecall, 10);
    }

    [Fact]
    public void FromProbabilities_WrongLength_ThrowsNamingTheShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.FromProbabilities(new float[5], [0, 1], 2));

        Assert.Contains("2 x 2", error.Message);
    }
}
