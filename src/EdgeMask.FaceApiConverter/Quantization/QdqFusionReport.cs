using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace EdgeMask.FaceApiConverter.Quantization;

/// <summary>The node types ONNX Runtime leaves after optimising a model (read back from the optimised model it saves).</summary>
internal sealed record QdqFusionReport(IReadOnlyDictionary<string, int> NodeCounts)
{
    public int Count(string opType) => NodeCounts.GetValueOrDefault(opType);

    public override string ToString() => string.Join(", ", NodeCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"));

    public static QdqFusionReport Inspect(byte[] model, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = path, IntraOpNumThreads = 1 })
            using (new InferenceSession(model, options))
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
