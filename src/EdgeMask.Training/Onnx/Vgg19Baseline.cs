using EdgeMask.Training.Model;
using Google.Protobuf;

namespace EdgeMask.Training.Onnx;

/// <summary>
/// The tutorial's classifier - VGG19 without its top at 128 x 128, Flatten, Dense(2) with softmax - as an fp32 ONNX
/// graph with seeded random weights. Only for latency comparison: latency does not depend on weight values.
/// </summary>
public static class Vgg19Baseline
{
    public const int InputSide = 128;

    public static byte[] Build(int seed = 19)
    {
        var random = new Random(seed);
        var graph = new OnnxGraph();
        graph.Input(Fp32Exporter.InputName, InputSide, InputSide);
        var x = Fp32Exporter.InputName;
        var channels = 3;
        var side = InputSide;
        int[][] stages = [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]];
        var layer = 0;
        foreach (var stage in stages)
        {
            foreach (var outChannels in stage)
            {
                var spec = new ConvSpec(channels, outChannels, 3, 1, 1);
                var weight = graph.Floats($"vgg{layer}.weight", Random(random, outChannels * channels * 9, Math.Sqrt(2.0 / (channels * 9))), outChannels, channels, 3, 3);
                var bias = graph.Floats($"vgg{layer}.bias", new float[outChannels], outChannels);
                x = graph.Node("Conv", $"vgg{layer}", [x, weight, bias], Fp32Exporter.ConvAttributes(spec));
                x = graph.Node("Relu", $"vgg{layer}_relu", [x]);
                channels = outChannels;
                layer++;
            }

            x = graph.Node("MaxPool", $"pool{layer}", [x], OnnxGraph.Ints("kernel_shape", 2, 2), OnnxGraph.Ints("strides", 2, 2));
            side /= 2;
        }

        var flat = graph.Node("Flatten", "flatten", [x], OnnxGraph.Int("axis", 1));
        var features = channels * side * side;
        var denseWeight = graph.Floats("dense.weight", Random(random, 2 * features, Math.Sqrt(1.0 / features)), 2, features);
        var denseBias = graph.Floats("dense.bias", new float[2], 2);
        var logits = graph.Node("Gemm", "dense", [flat, denseWeight, denseBias], OnnxGraph.Int("transB", 1));
        graph.Node("Softmax", Fp32Exporter.OutputName, [logits], OnnxGraph.Int("axis", 1));
        graph.Output(Fp32Exporter.OutputName, "batch", 2);
        return graph.ToModel("Tutorial baseline: VGG19 (no top) at 128x128 + Flatten + Dense(2), random weights, for latency only.").ToByteArray();
    }

    private static float[] Random(Random random, int count, double scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return values;
    }
}
