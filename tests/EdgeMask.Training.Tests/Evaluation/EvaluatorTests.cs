using EdgeMask.TestSupport;
using EdgeMask.Training.Data;
using EdgeMask.Training.Evaluation;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Tests.Training;

namespace EdgeMask.Training.Tests.Evaluation;

[Collection(TinyModelCollection.Name)]
public class EvaluatorTests(TrainedTinyModel tiny)
{
    [Fact]
    public void Score_TinyFolder_CountsEveryImage()
    {
        var score = new Evaluator(TextWriter.Null).Score(tiny.Export.Int8Path, tiny.DataDirectory, split: null);

        Assert.Equal(48, score.Metrics.Count);
        Assert.Equal(48, score.Metrics.Confusion.Sum(row => row.Sum()));
        Assert.Equal("int8-qdq", score.Metadata.Quantization);
    }

    [Fact]
    public void Report_WithOneModel_WritesMarkdownTableAndJson()
    {
        var score = new Evaluator(TextWriter.Null).Score(tiny.Export.Fp32Path, tiny.DataDirectory, DataSplit.Train);
        var latency = LatencyBenchmark.Measure(File.ReadAllBytes(tiny.Export.Fp32Path), 1, TimeSpan.FromMilliseconds(100));
        var report = new EvaluationReport(tiny.DataDirectory, "train", [new ModelReport(score.Path, score.SizeBytes, "fp32", score.Metadata.Labels, score.Metrics, [latency])], null, MachineDescription.Describe());

        Assert.Contains("| mask_classifier.fp32.onnx (fp32) |", report.ToMarkdown());
        Assert.Contains("\"balanced_accuracy\"", report.ToJson());
        Assert.True(latency.MedianMillisecondsPerFace > 0);
    }

    [Fact]
    public void Vgg19Baseline_HasTheTutorialShape()
    {
        var model = global::Onnx.ModelProto.Parser.ParseFrom(Vgg19Baseline.Build());

        Assert.Equal(16, model.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(5, model.Graph.Node.Count(n => n.OpType == "MaxPool"));
        Assert.Equal(128, model.Graph.Input[0].Type.TensorType.Shape.Dim[2].DimValue);
        Assert.Equal([2, 512 * 4 * 4], model.Graph.Initializer.Single(t => t.Name == "dense.weight").Dims);
    }

    [SkippableTheory]
    [InlineData("mask_classifier")]
    [InlineData("mask_classifier.grey")]
    public void ShippedModels_OnTheTestSplit_ReproduceTheirRecordedMetrics(string name)
    {
        var data = RepoPaths.RequireMaskCrops();
        var int8Path = Path.Combine(RepoPaths.Models, $"{name}.int8.onnx");
        var fp32Path = Path.Combine(RepoPaths.Models, $"{name}.fp32.onnx");
        Skip.IfNot(File.Exists(int8Path) && File.Exists(fp32Path), "The shipped models have not been trained yet.");
        var evaluator = new Evaluator(TextWriter.Null);

        var int8 = evaluator.Score(int8Path, data, DataSplit.Test);
        var fp32 = evaluator.Score(fp32Path, data, DataSplit.Test);

        using var recorded = System.Text.Json.JsonDocument.Parse(int8.Metadata.MetricsJson);
        var recordedInt8 = recorded.RootElement.GetProperty("int8").GetProperty("balanced_accuracy").GetDouble();
        var recordedFp32 = recorded.RootElement.GetProperty("fp32").GetProperty("balanced_accuracy").GetDouble();
        Assert.InRange(Math.Abs(recordedInt8 - int8.Metrics.BalancedAccuracy), 0, 1e-4);
        Assert.InRange(Math.Abs(recordedFp32 - fp32.Metrics.BalancedAccuracy), 0, 1e-4);
        Assert.True(int8.Metrics.BalancedAccuracy >= fp32.Metrics.BalancedAccuracy - 0.005, $"int8 {int8.Metrics.BalancedAccuracy:P2} is more than 0.5 points below fp32 {fp32.Metrics.BalancedAccuracy:P2}");
    }
}
