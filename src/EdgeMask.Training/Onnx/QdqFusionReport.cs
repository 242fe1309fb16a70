using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>The node types ONNX Runtime leaves after optimising a model at a given level (read from the saved optimised model).</summary>
public sealed record QdqFusionReport(IReadOnlyDictionary<string, int> NodeCounts)
{
    public int Count(string opType) => NodeCounts.GetValueOrDefault(opType);

    /// <summary>True when every convolution ran as QLinearConv and no float Conv is left.</summary>
    public bool FullyFused(int convLayers) => Count("QLinearConv") == convLayers && Count("Conv") == 0;

    public override string ToString() => string.Join(", ", NodeCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"));

    public static QdqFusionReport Inspect(byte[] model, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (new OnnxSession(model, threads: 1, level, optimizedModelPath: path))
            {
            }

            var optimized = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            return new QdqFusionReport(optimized.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
