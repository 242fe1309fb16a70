using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>
/// Writes a <see cref="FoldedNetwork"/> as a static int8 QDQ graph: uint8 activations (asymmetric input, ReLU
/// outputs with zero point 0), int8 symmetric per-channel weights, int32 biases with scale input_scale * weight_scale
/// through DequantizeLinear - the shape ONNX Runtime fuses into QLinearConv. The Relu nodes are left out on purpose:
/// a uint8 QuantizeLinear with zero point 0 clamps at 0, which is exactly ReLU. The head (pool, Gemm, softmax) stays
/// in float; it is a tiny share of the work.
/// </summary>
public static class QdqQuantizer
{
    public static ModelProto Build(FoldedNetwork network, InputSpec input, ActivationRanges ranges)
    {
        if (ranges.ReluMaxima.Count != network.Convs.Count)
        {
            throw new ArgumentException($"Calibration gave {ranges.ReluMaxima.Count} activation ranges for {network.Convs.Count} conv layers.", nameof(ranges));
        }

        var graph = new OnnxGraph();
        graph.Input(Fp32Exporter.InputName, input.Height, input.Width);

        var (inputScale, inputZeroPoint) = Asymmetric(ranges.InputMin, ranges.InputMax);
        var x = QuantizeDequantize(graph, Fp32Exporter.InputName, "input", inputScale, inputZeroPoint);
        var scale = inputScale;
        for (var i = 0; i < network.Convs.Count; i++)
        {
            var conv = network.Convs[i];
            var spec = conv.Spec;
            var perChannel = conv.Weight.Length / spec.OutChannels;
            var weightScales = new float[spec.OutChannels];
            var weights = new byte[conv.Weight.Length];
            var biases = new int[spec.OutChannels];
            var biasScales = new float[spec.OutChannels];
            for (var channel = 0; channel < spec.OutChannels; channel++)
            {
                var max = 0f;
                for (var k = 0; k < perChannel; k++)
                {
                    max = Math.Max(max, Math.Abs(conv.Weight[channel * perChannel + k]));
                }

                weightScales[channel] = max > 0 ? max / 127f : 1f;
                for (var k = 0; k < perChannel; k++)
                {
                    weights[channel * perChannel + k] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(conv.Weight[channel * perChannel + k] / weightScales[channel]), -127, 127));
                }

                biasScales[channel] = scale * weightScales[channel];
                biases[channel] = (int)Math.Clamp(Math.Round(conv.Bias[channel] / (double)biasScales[channel]), int.MinValue, int.MaxValue);
            }

            long[] weightDims = [spec.OutChannels, spec.InChannels / spec.Groups, spec.Kernel, spec.Kernel];
            var weight = graph.Node("DequantizeLinear", $"conv{i}.weight_dq",
                [
                    graph.Raw($"conv{i}.weight_q", TensorProto.Types.DataType.Int8, weights, weightDims),
                    graph.Floats($"conv{i}.weight_scale", weightScales, spec.OutChannels),
                    graph.Raw($"conv{i}.weight_zero_point", TensorProto.Types.DataType.Int8, new byte[spec.OutChannels], spec.OutChannels),
                ],
                OnnxGraph.Int("axis", 0));
            var bias = graph.Node("DequantizeLinear", $"conv{i}.bias_dq",
                [
                    graph.Int32s($"conv{i}.bias_q", biases, spec.OutChannels),
                    graph.Floats($"conv{i}.bias_scale", biasScales, spec.OutChannels),
                ],
                OnnxGraph.Int("axis", 0));
            var output = graph.Node("Conv", $"conv{i}", [x, weight, bias], Fp32Exporter.ConvAttributes(spec));
            scale = Math.Max(ranges.ReluMaxima[i], 1e-6f) / 255f;
            x = QuantizeDequantize(graph, output, Fp32Exporter.ActivationName(i), scale, 0);
        }

        Fp32Exporter.AppendHead(graph, network, x);
        graph.Output(Fp32Exporter.OutputName, "batch", network.Classes);
        return graph.ToModel($"EdgeMask mask classifier, static int8 QDQ (per-channel int8 weights, uint8 activations){network.MembersNote}.");
    }

    private static string QuantizeDequantize(OnnxGraph graph, string value, string name, float scale, byte zeroPoint)
    {
        var scaleName = graph.Floats($"{name}.scale", [scale]);
        var zeroName = graph.Raw($"{name}.zero_point", TensorProto.Types.DataType.Uint8, [zeroPoint]);
        var quantized = graph.Node("QuantizeLinear", $"{name}_q", [value, scaleName, zeroName]);
        return graph.Node("DequantizeLinear", $"{name}_dq", [quantized, scaleName, zeroName]);
    }

    private static (float Scale, byte ZeroPoint) Asymmetric(float min, float max)
    {
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        var scale = Math.Max(max - min, 1e-6f) / 255f;
        return (scale, (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255));
    }
}

/// <summary>Calibrated ranges: the input's min/max and each ReLU output's maximum.</summary>
public sealed record ActivationRanges(float InputMin, float InputMax, IReadOnlyList<float> ReluMaxima);
