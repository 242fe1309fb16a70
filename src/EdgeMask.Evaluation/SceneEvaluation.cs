using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation;

/// <summary>The headline figures of a scenes evaluation.</summary>
public sealed record SceneEvaluation(
    int Images,
    RecallPrecision Detection,
    IReadOnlyDictionary<FaceSizeBucket, RecallPrecision> DetectionBySize,
    RecallPrecision MaskedFaces,
    RecallPrecision UnmaskedFaces,
    ClassificationMetrics Classification,
    double ImageLevelAccuracy,
    double FramesPerSecond,
    double MillisecondsPerImage,
    IReadOnlyList<ImageResult> Results)
{
    /// <summary>Recall of the masked faces by size and for faces of 32 px and more.</summary>
    public SizedRecall MaskedBySize { get; init; } = new();

    /// <summary>Recall of the unmasked faces (no mask or worn incorrectly) by size and for faces of 32 px and more.</summary>
    public SizedRecall UnmaskedBySize { get; init; } = new();

    /// <summary>
    /// The headline: verdicts on the faces of 32 px and more that the detector found, by annotated group (worn
    /// incorrectly kept apart, whatever <c>--worn-incorrectly-separate</c> says).
    /// </summary>
    public DoorVerdicts VerdictsAtLeastMinimumWidth { get; init; } = new();

    /// <summary>Final verdicts of tracked people (faces of 32 px and more) when each photo was played as a clip, and the clip's length in frames.</summary>
    public (DoorVerdicts Verdicts, int Frames)? Tracked { get; init; }

    /// <summary>Verdicts per condition of the robustness suite on the found faces of 32 px and more, when it was run.</summary>
    public IReadOnlyList<(CameraCondition Condition, DoorVerdicts Verdicts)>? Robustness { get; init; }

    public static SceneEvaluation From(IReadOnlyList<ImageResult> results, TimeSpan processing)
    {
        var overall = new RecallPrecision();
        var bySize = Enum.GetValues<FaceSizeBucket>().ToDictionary(b => b, _ => new RecallPrecision());
        var masked = new RecallPrecision();
        var unmasked = new RecallPrecision();
        var maskedBySize = new SizedRecall();
        var unmaskedBySize = new SizedRecall();
        var classified = new List<ClassifiedSample>();
        var verdicts = new DoorVerdicts();
        var imagesRight = 0;

        foreach (var result in results)
        {
            var faces = result.Annotation.Faces;
            for (var t = 0; t < faces.Count; t++)
            {
                var prediction = result.Matching.TruthToPrediction[t];
                var found = prediction >= 0;
                overall.AddTruth(found);
                bySize[FaceSizeBuckets.Of(faces[t].Box.Width)].AddTruth(found);
                var isMasked = faces[t].Label == MaskStatus.Mask;
                (isMasked ? masked : unmasked).AddTruth(found);
                (isMasked ? maskedBySize : unmaskedBySize).AddTruth(faces[t].Box.Width, found);
                if (found)
                {
                    classified.Add(new ClassifiedSample(faces[t].Label, result.Faces[prediction].Mask));
                    if (faces[t].Box.Width >= SizedRecall.MinimumWidthPixels)
                    {
                        verdicts.Add(faces[t].AnnotatedStatus, result.Faces[prediction].Mask.Status);
                    }
                }
            }

            for (var p = 0; p < result.Faces.Count; p++)
            {
                var correct = result.Matching.PredictionToTruth[p] >= 0;
                overall.AddPrediction(correct);
                bySize[FaceSizeBuckets.Of(result.Faces[p].Box.Width)].AddPrediction(correct);
            }

            if (result.TruthSomeoneUnmasked == result.PredictedSomeoneUnmasked)
            {
                imagesRight++;
            }
        }

        var seconds = processing.TotalSeconds;
        return new SceneEvaluation(
            results.Count,
            overall,
            bySize,
            masked,
            unmasked,
            ClassificationMetrics.Compute(classified),
            results.Count == 0 ? 0 : (double)imagesRight / results.Count,
            seconds > 0 ? results.Count / seconds : 0,
            results.Count == 0 ? 0 : processing.TotalMilliseconds / results.Count,
            results)
        {
            MaskedBySize = maskedBySize,
            UnmaskedBySize = unmaskedBySize,
            VerdictsAtLeastMinimumWidth = verdicts,
        };
    }
}
