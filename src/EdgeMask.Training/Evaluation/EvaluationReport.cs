using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeMask.Training.Evaluation;

/// <summary>The result of `evaluate`: scores and latency of each model, the VGG19 baseline's latency, and the machine.</summary>
public sealed record EvaluationReport(
    string Data,
    string Split,
    IReadOnlyList<ModelReport> Models,
    IReadOnlyList<LatencyResult>? BaselineLatency,
    string Machine)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"# Mask classifier evaluation");
        Line($"");
        Line($"Data: `{Data}` ({Split}). Machine: {Machine}. Latency: one thread, ONNX Runtime, median per face.");
        Line($"\"No mask\" = any model class other than with_mask; ROC AUC scores 1 - P(with_mask).");
        Line($"");
        Line($"| model | size | images | accuracy | balanced acc. | with_mask P / R | without_mask P / R | ROC AUC | ECE | log loss | ms/face b1 | ms/face b8 |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var model in Models)
        {
            var m = model.Metrics;
            Line($"| {System.IO.Path.GetFileName(model.Path)} ({model.Quantization}) | {model.SizeBytes / 1024.0:F1} KiB | {m.Count} | {m.Accuracy:P2} | {m.BalancedAccuracy:P2} | {m.WithMaskPrecision:P2} / {m.WithMaskRecall:P2} | {m.WithoutMaskPrecision:P2} / {m.WithoutMaskRecall:P2} | {m.RocAuc:F4} | {m.ExpectedCalibrationError:F4} | {m.LogLoss:F4} | {Latency(model.Latency, 1)} | {Latency(model.Latency, 8)} |");
        }

        foreach (var model in Models)
        {
            Line($"");
            Line($"Confusion matrix, {System.IO.Path.GetFileName(model.Path)} (rows: truth, columns: predicted):");
            Line($"");
            Line($"| truth \\ predicted | {string.Join(" | ", model.Labels)} |");
            Line($"| --- |{string.Concat(model.Labels.Select(_ => " ---: |"))}");
            Line($"| with_mask | {string.Join(" | ", model.Metrics.Confusion[0])} |");
            Line($"| without_mask | {string.Join(" | ", model.Metrics.Confusion[1])} |");
        }

        foreach (var model in Models.Where(m => m.Robustness is { Count: > 0 }))
        {
            Line($"");
            Line($"Robustness suite, {System.IO.Path.GetFileName(model.Path)}: faces the daemon's detector finds, classified by the daemon's classifier (confidence threshold {new EdgeMask.Classification.ClassificationOptions().MinConfidence:0.##}, its default) under each camera condition.");
            Line($"");
            Line($"| condition | what | bare faces | bare flagged | masked faces | masked called masked | uncertain |");
            Line($"| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in model.Robustness!)
            {
                Line($"| {row.Condition} | {row.Description} | {row.BareFaces} | {row.BareRecall:P1} | {row.MaskedFaces} | {row.MaskedRecall:P1} | {row.UncertainShare:P1} |");
            }
        }

        if (BaselineLatency is { Count: > 0 } baseline)
        {
            Line($"");
            Line($"Tutorial baseline, VGG19 (no top) at 128x128 + Flatten + Dense(2), fp32, random weights: {Latency(baseline, 1)} ms/face at batch 1, {Latency(baseline, 8)} ms/face at batch 8.");
            foreach (var model in Models.Where(m => m.Latency.Count > 0))
            {
                var ours = model.Latency.First(l => l.Batch == 1).MedianMillisecondsPerFace;
                var theirs = baseline.First(l => l.Batch == 1).MedianMillisecondsPerFace;
                Line($"- {System.IO.Path.GetFileName(model.Path)} is {theirs / ours:F0}x faster at batch 1.");
            }
        }

        return text.ToString();
    }

    private static string Latency(IReadOnlyList<LatencyResult> results, int batch) =>
        results.FirstOrDefault(r => r.Batch == batch) is { } r ? r.MedianMillisecondsPerFace.ToString(r.MedianMillisecondsPerFace < 1 ? "F4" : "F1", CultureInfo.InvariantCulture) : "-";
}

/// <summary>One model's scores and latency.</summary>
public sealed record ModelReport(string Path, long SizeBytes, string Quantization, IReadOnlyList<string> Labels, BinaryMetrics Metrics, IReadOnlyList<LatencyResult> Latency)
{
    /// <summary>The robustness suite's rows, when it was run (<c>--robustness</c>).</summary>
    public IReadOnlyList<RobustnessRow>? Robustness { get; init; }
}
