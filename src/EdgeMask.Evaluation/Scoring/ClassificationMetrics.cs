using EdgeMask.Core.Faces;

namespace EdgeMask.Evaluation.Scoring;

/// <summary>
/// Accuracy figures of a mask classifier: the same code scores the trainer's test split, folders of crops
/// and the faces matched in annotated scenes. An uncertain answer counts as wrong for accuracy.
/// </summary>
public sealed record ClassificationMetrics(
    int Samples,
    double Accuracy,
    double BalancedAccuracy,
    double Coverage,
    double AccuracyWhenDecided,
    IReadOnlyList<ClassMetrics> PerClass,
    ConfusionMatrix Confusion,
    double? RocAuc,
    double ExpectedCalibrationError)
{
    public const int CalibrationBins = 10;

    public static ClassificationMetrics Compute(IReadOnlyList<ClassifiedSample> samples)
    {
        var confusion = ConfusionMatrix.From(samples);
        var correct = samples.Count(s => s.Prediction.Status == s.Truth);
        var decided = samples.Count(s => s.Prediction.Status != MaskStatus.Uncertain);

        var perClass = confusion.TruthClasses
            .Select(c => new ClassMetrics(
                MaskLabels.ToLabel(c),
                Support: confusion.TruthTotal(c),
                Precision: Ratio(confusion[c, c], confusion.PredictedTotal(c)),
                Recall: Ratio(confusion[c, c], confusion.TruthTotal(c))))
            .ToArray();

        return new ClassificationMetrics(
            samples.Count,
            Ratio(correct, samples.Count) ?? 0,
            perClass.Length == 0 ? 0 : perClass.Average(c => c.Recall ?? 0),
            Ratio(decided, samples.Count) ?? 0,
            Ratio(samples.Count(s => s.Prediction.Status != MaskStatus.Uncertain && s.Prediction.Status == s.Truth), decided) ?? 0,
            perClass,
            confusion,
            RocAucOf(samples),
            CalibrationErrorOf(samples));
    }

    /// <summary>Area under the ROC curve of "not masked" vs "masked" (Mann-Whitney; ties count one half).</summary>
    public static double? RocAucOf(IReadOnlyList<ClassifiedSample> samples)
    {
        var positives = samples.Where(s => s.Truth != MaskStatus.Mask).Select(s => s.ViolationScore).ToArray();
        var negatives = samples.Where(s => s.Truth == MaskStatus.Mask).Select(s => s.ViolationScore).Order().ToArray();
        if (positives.Length == 0 || negatives.Length == 0)
        {
            return null;
        }

        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(negatives, p);
            var equalOrBelow = UpperBound(negatives, p);
            wins += below + ((equalOrBelow - below) / 2.0);
        }

        return wins / ((double)positives.Length * negatives.Length);
    }

    /// <summary>Expected calibration error over equal-width confidence bins of the top class.</summary>
    public static double CalibrationErrorOf(IReadOnlyList<ClassifiedSample> samples)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var error = 0.0;
        foreach (var bin in samples.GroupBy(s => Math.Min(CalibrationBins - 1, (int)(s.Prediction.Confidence * CalibrationBins))))
        {
            var confidence = bin.Average(s => (double)s.Prediction.Confidence);
            var accuracy = bin.Average(s => s.Prediction.TopClass == s.Truth ? 1.0 : 0.0);
            error += (double)bin.Count() / samples.Count * Math.Abs(accuracy - confidence);
        }

        return error;
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

public sealed record ClassMetrics(string Label, int Support, double? Precision, double? Recall);
