namespace EdgeMask.Training.Evaluation;

/// <summary>
/// Scores of a mask classifier on with_mask / without_mask data. Model classes other than with_mask (without_mask,
/// mask_weared_incorrect) count as "no mask" - the violation the daemon raises by default. The positive class for
/// ROC AUC is "no mask", scored by 1 - P(with_mask); <see cref="LogLoss"/> is the mean binary cross-entropy of
/// P(with_mask) against that truth, a finer tie-breaker than accuracy on small splits.
/// </summary>
public sealed record BinaryMetrics(
    int Count,
    double Accuracy,
    double BalancedAccuracy,
    double WithMaskPrecision,
    double WithMaskRecall,
    double WithoutMaskPrecision,
    double WithoutMaskRecall,
    double RocAuc,
    double ExpectedCalibrationError,
    double LogLoss,
    int[][] Confusion)
{
    public const int CalibrationBins = 10;

    /// <summary>Probabilities are clamped here before the logarithm, so one confident error cannot make the loss infinite.</summary>
    public const double MinimumProbability = 1e-7;

    /// <summary>
    /// <paramref name="probabilities"/> is row-major [N, classes] with class 0 = with_mask; <paramref name="labels"/>
    /// holds 0 (with_mask) or anything else (no mask). <see cref="Confusion"/> is [truth 2][predicted model class].
    /// </summary>
    public static BinaryMetrics FromProbabilities(ReadOnlySpan<float> probabilities, IReadOnlyList<int> labels, int classes)
    {
        if (classes < 2 || probabilities.Length != labels.Count * classes)
        {
            throw new ArgumentException($"Expected {labels.Count} x {classes} probabilities, got {probabilities.Length} values.", nameof(probabilities));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("No samples to score.", nameof(labels));
        }

        var confusion = new[] { new int[classes], new int[classes] };
        var violationScores = new double[labels.Count];
        var truthNoMask = new bool[labels.Count];
        var confidences = new double[labels.Count];
        var correct = new bool[labels.Count];
        var logLoss = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var predicted = ArgMax(row);
            var truth = labels[i] == 0 ? 0 : 1;
            confusion[truth][predicted]++;
            var pMask = row[0];
            violationScores[i] = 1 - pMask;
            truthNoMask[i] = truth == 1;
            var predictedNoMask = predicted != 0;
            confidences[i] = predictedNoMask ? 1 - pMask : pMask;
            correct[i] = predictedNoMask == truthNoMask[i];
            logLoss -= Math.Log(Math.Clamp(truthNoMask[i] ? 1 - pMask : pMask, MinimumProbability, 1));
        }

        var tp = confusion[0][0];                       // with_mask predicted with_mask
        var fn = confusion[0].Sum() - tp;               // with_mask predicted as any no-mask class
        var fp = confusion[1][0];                       // no mask predicted with_mask
        var tn = confusion[1].Sum() - fp;
        var withMaskRecall = Ratio(tp, tp + fn);
        var withoutMaskRecall = Ratio(tn, tn + fp);
        return new BinaryMetrics(
            labels.Count,
            Ratio(tp + tn, labels.Count),
            Mean(withMaskRecall, withoutMaskRecall),
            Ratio(tp, tp + fp),
            withMaskRecall,
            Ratio(tn, tn + fn),
            withoutMaskRecall,
            ComputeRocAuc(violationScores, truthNoMask),
            ComputeExpectedCalibrationError(confidences, correct),
            logLoss / labels.Count,
            confusion);
    }

    /// <summary>Area under the ROC curve via the Mann-Whitney U statistic, ties counted half. NaN if a class is absent.</summary>
    public static double ComputeRocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = averageRank;
            }

            start = end + 1;
        }

        double positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var rankSum = Enumerable.Range(0, scores.Count).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Expected calibration error over <see cref="CalibrationBins"/> equal-width confidence bins.</summary>
    public static double ComputeExpectedCalibrationError(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct)
    {
        var total = 0.0;
        for (var bin = 0; bin < CalibrationBins; bin++)
        {
            double low = (double)bin / CalibrationBins, high = (double)(bin + 1) / CalibrationBins;
            var members = Enumerable.Range(0, confidences.Count)
                .Where(i => confidences[i] > low && confidences[i] <= high || bin == 0 && confidences[i] == 0)
                .ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var accuracy = members.Count(i => correct[i]) / (double)members.Count;
            var confidence = members.Average(i => confidences[i]);
            total += members.Count / (double)confidences.Count * Math.Abs(accuracy - confidence);
        }

        return total;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++)
        {
            if (row[k] > row[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    private static double Mean(double a, double b) => (a + b) / 2;
}
