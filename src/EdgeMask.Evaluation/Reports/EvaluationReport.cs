using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Reports;

/// <summary>Writes evaluation results as markdown (to read) and JSON (to compare runs), plus a one-line summary.</summary>
public static class EvaluationReport
{
    public static string SummaryLine(SceneEvaluation e) => string.Create(
        CultureInfo.InvariantCulture,
        $"scenes: {e.Images} images, face recall {Pct(e.Detection.Recall)} precision {Pct(e.Detection.Precision)}, masked recall {Pct(e.MaskedFaces.Recall)} (>={SizedRecall.MinimumWidthPixels} px {Pct(e.MaskedBySize.AtLeastMinimumWidth.Recall)}), mask accuracy {Pct(e.Classification.Accuracy)} on {e.Classification.Samples} matched faces, image-level {Pct(e.ImageLevelAccuracy)}, {e.FramesPerSecond:0.0} fps; found faces >={SizedRecall.MinimumWidthPixels} px: {VerdictSummary(e.VerdictsAtLeastMinimumWidth)}");

    /// <summary>"bare flagged 95.0% (n), masked 97.0% (n), worn incorrectly flagged 60.0% (n), uncertain 5.0%".</summary>
    public static string VerdictSummary(DoorVerdicts v) => string.Create(
        CultureInfo.InvariantCulture,
        $"bare flagged {Pct(v.BareRecall)} ({v.Bare.Total}), masked {Pct(v.MaskedRecall)} ({v.Masked.Total}), worn incorrectly flagged {Pct(v.WornIncorrectlyRecall)} ({v.WornIncorrectly.Total}), uncertain {Pct(v.UncertainShare)}");

    public static string SummaryLine(CropEvaluation e) => string.Create(
        CultureInfo.InvariantCulture,
        $"crops: {e.Metrics.Samples} faces, accuracy {Pct(e.Metrics.Accuracy)}, balanced accuracy {Pct(e.Metrics.BalancedAccuracy)}, ROC AUC {e.Metrics.RocAuc?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a"}, {e.MillisecondsPerFace:0.00} ms/face");

    public static string Markdown(SceneEvaluation e, string title)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{e.Images} images, {e.MillisecondsPerImage:0.0} ms per image ({e.FramesPerSecond:0.0} fps) for detection + classification.").AppendLine();
        md.Append(VerdictMarkdown(e.VerdictsAtLeastMinimumWidth, $"## Verdicts on the faces of {SizedRecall.MinimumWidthPixels} px and more that were found"));
        if (e.Tracked is var (tracked, frames))
        {
            md.Append(VerdictMarkdown(tracked, $"## Verdicts of tracked people (faces of {SizedRecall.MinimumWidthPixels} px and more) after {frames} frames: each photo played as a clip with sensor noise and shake, the daemon's verdict window voting"));
        }

        md.AppendLine("## Face detection (IoU >= 0.5)").AppendLine();
        md.AppendLine("| faces | truths | found | recall | detections | correct | precision |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Row(md, "all", e.Detection);
        foreach (var (bucket, counts) in e.DetectionBySize)
        {
            Row(md, FaceSizeBuckets.Name(bucket), counts);
        }

        Row(md, "masked", e.MaskedFaces);
        Row(md, "unmasked", e.UnmaskedFaces);
        md.AppendLine();
        md.Append(LabelSizeMarkdown(e));
        md.AppendLine(CultureInfo.InvariantCulture, $"Image-level \"someone is unmasked\" accuracy: {Pct(e.ImageLevelAccuracy)}.").AppendLine();
        md.Append(ClassificationMarkdown(e.Classification, "## Mask classification of matched faces"));
        if (e.Robustness is { } robustness)
        {
            md.AppendLine().Append(RobustnessMarkdown(robustness, $"## Robustness suite: the found faces of {SizedRecall.MinimumWidthPixels} px and more under camera conditions"));
        }

        return md.ToString();
    }

    /// <summary>One row per condition: bare-face recall, masked recall, worn incorrectly flagged, uncertain.</summary>
    public static string RobustnessMarkdown(IReadOnlyList<(CameraCondition Condition, DoorVerdicts Verdicts)> results, string heading)
    {
        var md = new StringBuilder();
        md.AppendLine(heading).AppendLine();
        md.AppendLine("| condition | what | bare faces | bare flagged | masked faces | masked called masked | worn incorrectly flagged | uncertain |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (condition, v) in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {condition.Name} | {condition.Description} | {v.Bare.Total} | {Pct(v.BareRecall)} | {v.Masked.Total} | {Pct(v.MaskedRecall)} | {Pct(v.WornIncorrectlyRecall)} ({v.WornIncorrectly.Total}) | {Pct(v.UncertainShare)} |");
        }

        return md.AppendLine().ToString();
    }

    public static JsonObject Node(IReadOnlyList<(CameraCondition Condition, DoorVerdicts Verdicts)> results) =>
        new(results.Select(r => KeyValuePair.Create(r.Condition.Name, (JsonNode?)Node(r.Verdicts))));

    /// <summary>Recall of masked and of unmasked faces by size: "recall (found/truths)" per cell.</summary>
    public static string LabelSizeMarkdown(SceneEvaluation e)
    {
        var atLeast = $">={SizedRecall.MinimumWidthPixels} px";
        var buckets = Enum.GetValues<FaceSizeBucket>();
        var md = new StringBuilder();
        md.AppendLine("## Recall by label and face size").AppendLine();
        md.AppendLine("| faces | " + string.Join(" | ", buckets.Select(FaceSizeBuckets.Name)) + $" | {atLeast} | all |");
        md.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", buckets.Length + 2)));
        LabelRow(md, "masked", e.MaskedBySize, e.MaskedFaces);
        LabelRow(md, "unmasked", e.UnmaskedBySize, e.UnmaskedFaces);
        return md.AppendLine().ToString();
    }

    /// <summary>One row per annotated group: faces, called masked, flagged (no mask or worn incorrectly), uncertain, and the group's target figure.</summary>
    public static string VerdictMarkdown(DoorVerdicts v, string heading)
    {
        var md = new StringBuilder();
        md.AppendLine(heading).AppendLine();
        md.AppendLine("| truth | faces | called masked | flagged (no mask / worn incorrectly) | uncertain | figure |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        VerdictRow(md, "bare (without_mask)", v.Bare, $"bare-face recall {Pct(v.BareRecall)}");
        VerdictRow(md, "masked (with_mask)", v.Masked, $"masked recall {Pct(v.MaskedRecall)}");
        VerdictRow(md, "worn incorrectly", v.WornIncorrectly, $"flagged {Pct(v.WornIncorrectlyRecall)}");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Left uncertain: {Pct(v.UncertainShare)} of {v.Faces} faces.").AppendLine();
        return md.ToString();
    }

    public static JsonObject Node(DoorVerdicts v) => new()
    {
        ["faces"] = v.Faces,
        ["bare_recall"] = v.BareRecall is { } b ? Round(b) : null,
        ["masked_recall"] = v.MaskedRecall is { } m ? Round(m) : null,
        ["worn_incorrectly_flagged"] = v.WornIncorrectlyRecall is { } w ? Round(w) : null,
        ["uncertain_share"] = v.UncertainShare is { } u ? Round(u) : null,
        ["bare"] = Node(v.Bare),
        ["masked"] = Node(v.Masked),
        ["worn_incorrectly"] = Node(v.WornIncorrectly),
    };

    private static JsonObject Node(VerdictCounts c) => new()
    {
        ["faces"] = c.Total,
        ["called_masked"] = c.CalledMasked,
        ["flagged"] = c.Flagged,
        ["uncertain"] = c.Uncertain,
    };

    private static void VerdictRow(StringBuilder md, string name, VerdictCounts c, string figure) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {c.Total} | {c.CalledMasked} | {c.Flagged} | {c.Uncertain} | {figure} |");

    public static string Markdown(CropEvaluation e, string title) =>
        $"# {title}\n\n{e.Metrics.Samples} crops, {e.MillisecondsPerFace.ToString("0.00", CultureInfo.InvariantCulture)} ms per face.\n\n" +
        ClassificationMarkdown(e.Metrics, "## Classification") +
        (e.Robustness is { } robustness ? "\n" + RobustnessMarkdown(robustness, "## Robustness suite: every crop under camera conditions") : string.Empty);

    public static string ClassificationMarkdown(ClassificationMetrics m, string heading)
    {
        var md = new StringBuilder();
        md.AppendLine(heading).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- accuracy {Pct(m.Accuracy)}, balanced accuracy {Pct(m.BalancedAccuracy)} ({m.Samples} faces; uncertain counts as wrong)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- decided {Pct(m.Coverage)} of faces; accuracy on decided {Pct(m.AccuracyWhenDecided)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- ROC AUC {m.RocAuc?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a"}, expected calibration error {m.ExpectedCalibrationError:0.0000}").AppendLine();
        md.AppendLine("| class | support | precision | recall |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var c in m.PerClass)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Label} | {c.Support} | {Pct(c.Precision)} | {Pct(c.Recall)} |");
        }

        md.AppendLine().AppendLine("Confusion (rows: truth, columns: prediction):").AppendLine();
        md.AppendLine("| truth \\ predicted | " + string.Join(" | ", ConfusionMatrix.PredictedClasses.Select(MaskLabels.ToLabel)) + " |");
        md.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", ConfusionMatrix.PredictedClasses.Count)));
        foreach (var truth in m.Confusion.TruthClasses)
        {
            md.AppendLine($"| {MaskLabels.ToLabel(truth)} | " + string.Join(" | ", ConfusionMatrix.PredictedClasses.Select(p => m.Confusion[truth, p])) + " |");
        }

        return md.ToString();
    }

    public static string Json(SceneEvaluation e) => new JsonObject
    {
        ["images"] = e.Images,
        ["ms_per_image"] = Round(e.MillisecondsPerImage),
        ["fps"] = Round(e.FramesPerSecond),
        ["detection"] = Node(e.Detection),
        ["detection_by_size"] = new JsonObject(e.DetectionBySize.Select(kv => KeyValuePair.Create(FaceSizeBuckets.Name(kv.Key), (JsonNode?)Node(kv.Value)))),
        ["masked_faces"] = Node(e.MaskedFaces),
        ["unmasked_faces"] = Node(e.UnmaskedFaces),
        ["recall_by_label_and_size"] = new JsonObject
        {
            ["masked"] = Node(e.MaskedBySize),
            ["unmasked"] = Node(e.UnmaskedBySize),
        },
        ["image_level_accuracy"] = Round(e.ImageLevelAccuracy),
        ["verdicts_at_least_32px"] = Node(e.VerdictsAtLeastMinimumWidth),
        ["robustness"] = e.Robustness is { } r ? Node(r) : null,
        ["tracked_verdicts"] = e.Tracked is var (tracked, frames) ? new JsonObject { ["frames"] = frames, ["verdicts"] = Node(tracked) } : null,
        ["classification"] = Node(e.Classification),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static string Json(CropEvaluation e) => new JsonObject
    {
        ["ms_per_face"] = Round(e.MillisecondsPerFace),
        ["classification"] = Node(e.Metrics),
        ["robustness"] = e.Robustness is { } r ? Node(r) : null,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static JsonObject Node(ClassificationMetrics m) => new()
    {
        ["samples"] = m.Samples,
        ["accuracy"] = Round(m.Accuracy),
        ["balanced_accuracy"] = Round(m.BalancedAccuracy),
        ["coverage"] = Round(m.Coverage),
        ["accuracy_when_decided"] = Round(m.AccuracyWhenDecided),
        ["roc_auc"] = m.RocAuc is { } auc ? Round(auc) : null,
        ["expected_calibration_error"] = Round(m.ExpectedCalibrationError),
        ["per_class"] = new JsonArray(m.PerClass.Select(c => (JsonNode)new JsonObject
        {
            ["label"] = c.Label,
            ["support"] = c.Support,
            ["precision"] = c.Precision is { } p ? Round(p) : null,
            ["recall"] = c.Recall is { } r ? Round(r) : null,
        }).ToArray()),
        ["confusion"] = new JsonObject(m.Confusion.TruthClasses.Select(t => KeyValuePair.Create(
            MaskLabels.ToLabel(t),
            (JsonNode?)new JsonObject(ConfusionMatrix.PredictedClasses.Select(p => KeyValuePair.Create(MaskLabels.ToLabel(p), (JsonNode?)m.Confusion[t, p])))))),
    };

    private static JsonObject Node(RecallPrecision c) => new()
    {
        ["truths"] = c.Truths,
        ["found"] = c.TruthsFound,
        ["recall"] = c.Recall is { } r ? Round(r) : null,
        ["detections"] = c.Predictions,
        ["correct"] = c.PredictionsCorrect,
        ["precision"] = c.Precision is { } p ? Round(p) : null,
    };

    private static JsonObject Node(SizedRecall r)
    {
        var node = new JsonObject(r.BySize.Select(kv => KeyValuePair.Create(FaceSizeBuckets.Name(kv.Key), (JsonNode?)TruthNode(kv.Value))));
        node[$">={SizedRecall.MinimumWidthPixels} px"] = TruthNode(r.AtLeastMinimumWidth);
        return node;
    }

    private static JsonObject TruthNode(RecallPrecision c) => new()
    {
        ["truths"] = c.Truths,
        ["found"] = c.TruthsFound,
        ["recall"] = c.Recall is { } r ? Round(r) : null,
    };

    private static void LabelRow(StringBuilder md, string name, SizedRecall bySize, RecallPrecision all)
    {
        var cells = bySize.BySize.OrderBy(kv => kv.Key).Select(kv => kv.Value).Append(bySize.AtLeastMinimumWidth).Append(all);
        md.AppendLine($"| {name} | " + string.Join(" | ", cells.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Pct(c.Recall)} ({c.TruthsFound}/{c.Truths})"))) + " |");
    }

    private static void Row(StringBuilder md, string name, RecallPrecision c) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {c.Truths} | {c.TruthsFound} | {Pct(c.Recall)} | {c.Predictions} | {c.PredictionsCorrect} | {Pct(c.Precision)} |");

    private static double Round(double value) => Math.Round(value, 4);

    private static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
