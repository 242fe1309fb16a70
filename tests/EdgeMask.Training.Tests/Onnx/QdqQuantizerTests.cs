using EdgeMask.TestSupport;
using EdgeMask.Training.Data;
using EdgeMask.Training.Evaluation;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Tests.Training;
using EdgeMask.Training.Training;
using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Training.Tests.Onnx;

[Collection(TinyModelCollection.Name)]
public class QdqQuantizerTests(TrainedTinyModel tiny)
{
    [Fact]
    public void Int8Model_AtExtendedOptimisation_FusesEveryConvToQLinearConv()
    {
        var report = QdqFusionReport.Inspect(File.ReadAllBytes(tiny.Export.Int8Path), GraphOptimizationLevel.ORT_ENABLE_EXTENDED);

        Assert.Equal(9, report.Count("QLinearConv"));
        Assert.Equal(0, report.Count("Conv"));
    }

    [Fact]
    public void Int8Model_WithoutOptimisation_StillHasQdqNodes()
    {
        var report = QdqFusionReport.Inspect(File.ReadAllBytes(tiny.Export.Int8Path), GraphOptimizationLevel.ORT_DISABLE_ALL);

        Assert.Equal(9, report.Count("Conv"));
        Assert.True(report.Count("DequantizeLinear") >= 2 * 9);
    }

    [Fact]
    public void Int8Model_OnTheTinySet_AgreesWithFp32()
    {
        var set = tiny.EvaluationSet();
        using var fp32 = OnnxSession.FromFile(tiny.Export.Fp32Path);
        using var int8 = OnnxSession.FromFile(tiny.Export.Int8Path);

        var expected = fp32.Run(set);
        var actual = int8.Run(set);

        Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < 0.05f);
        var fp32Accuracy = BinaryMetrics.FromProbabilities(expected, set.Labels, 3).Accuracy;
        var int8Accuracy = BinaryMetrics.FromProbabilities(actual, set.Labels, 3).Accuracy;
        Assert.InRange(int8Accuracy, fp32Accuracy - 0.05, 1.0);
    }

    [SkippableFact]
    public void ShippedInt8Model_FusesAndIsSmall()
    {
        var path = Path.Combine(RepoPaths.Models, "mask_classifier.int8.onnx");
        Skip.IfNot(File.Exists(path), "models/mask_classifier.int8.onnx has not been trained yet.");

        var report = QdqFusionReport.Inspect(File.ReadAllBytes(path));

        Assert.True(report.Count("QLinearConv") > 0 && report.Count("Conv") == 0, report.ToString());
        Assert.InRange(new FileInfo(path).Length, 1, 1024 * 1024);
    }
}
