using EdgeMask.Core.Geometry;

namespace EdgeMask.Evaluation.Scoring;

/// <summary>
/// Matches predicted boxes to ground truth the Pascal VOC way: predictions in descending score order each
/// take the unmatched ground-truth box they overlap most, if that overlap reaches the IoU threshold.
/// </summary>
public static class BoxMatcher
{
    public const double DefaultIouThreshold = 0.5;

    public static BoxMatching Match(IReadOnlyList<PixelBox> truths, IReadOnlyList<ScoredBox> predictions, double iouThreshold = DefaultIouThreshold)
    {
        var truthToPrediction = new int[truths.Count];
        Array.Fill(truthToPrediction, -1);
        var predictionToTruth = new int[predictions.Count];
        Array.Fill(predictionToTruth, -1);

        var order = Enumerable.Range(0, predictions.Count).OrderByDescending(i => predictions[i].Score).ThenBy(i => i);
        foreach (var p in order)
        {
            var best = -1;
            var bestIou = iouThreshold;
            for (var t = 0; t < truths.Count; t++)
            {
                if (truthToPrediction[t] >= 0)
                {
                    continue;
                }

                var iou = truths[t].IntersectionOverUnion(predictions[p].Box);
                if (iou >= bestIou)
                {
                    best = t;
                    bestIou = iou;
                }
            }

            if (best >= 0)
            {
                truthToPrediction[best] = p;
                predictionToTruth[p] = best;
            }
        }

        return new BoxMatching(truthToPrediction, predictionToTruth);
    }
}

public readonly record struct ScoredBox(PixelBox Box, float Score);

/// <summary>For each ground-truth box the index of its prediction (or -1), and the reverse.</summary>
public sealed record BoxMatching(IReadOnlyList<int> TruthToPrediction, IReadOnlyList<int> PredictionToTruth)
{
    public int Matched => TruthToPrediction.Count(p => p >= 0);
}
