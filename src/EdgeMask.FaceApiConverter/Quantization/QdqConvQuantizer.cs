using Google.Protobuf;
using Onnx;

namespace EdgeMask.FaceApiConverter.Quantization;

/// <summary>
/// Rewrites a converted fp32 detector graph into a static int8 QDQ graph in the shape ONNX Runtime fuses into
/// QLinearConv: every Conv followed by a Clip(0, max) (ReLU6) gets int8 symmetric per-channel weights and an int32
/// bias (scale = input scale x weight scale) through DequantizeLinear, its output a uint8 QuantizeLinear /
/// DequantizeLinear pair with zero point 0 and the calibrated range, and the Clip is dropped: a uint8 quantization
/// with zero point 0 and top 255 x scale &lt;= 6 clamps exactly as the Clip did. The first Conv's input (the
/// normalised image) is quantized over its known range. Convs without a Clip after them (the SSD's box and class
/// predictors, a small share of the work) stay in float, so box encodings and scores are not rounded to 8 bits.
/// </summary>
internal static class QdqConvQuantizer
{
    /// <summary>The ReLU6 outputs (Clip after Conv) whose ranges calibration must provide, in graph order.</summary>
    public static IReadOnlyList<string> ActivationsToCalibrate(ModelProto model) =>
        ClippedConvs(model.Graph).Select(pair => pair.Clip.Output[0]).ToList();

    /// <param name="model">An fp32 graph written by this converter (not modified).</param>
    /// <param name="inputRange">The known range of the first Conv's input (the normalised image).</param>
    /// <param name="activationMaxima">Calibrated maximum of each tensor named by <see cref="ActivationsToCalibrate"/>.</param>
    public static ModelProto Quantize(ModelProto model, (float Min, float Max) inputRange, IReadOnlyDictionary<string, float> activationMaxima)
    {
        var quantized = model.Clone();
        var graph = quantized.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var clipped = ClippedConvs(graph).ToDictionary(pair => pair.Clip.Output[0], pair => pair.Conv);
        var firstConv = graph.Node.First(n => n.OpType == "Conv");

        // Scale of every tensor that will be quantized: the ReLU6 outputs and the first Conv's input.
        var scales = new Dictionary<string, (float Scale, byte ZeroPoint)>(StringComparer.Ordinal);
        foreach (var name in clipped.Keys)
        {
            if (!activationMaxima.TryGetValue(name, out var max))
            {
                throw new ArgumentException($"Calibration gave no range for activation '{name}'.", nameof(activationMaxima));
            }

            var clipMax = ClipMaximum(graph, name, initializers);
            scales[name] = (Math.Clamp(max > 0 ? max : clipMax, 1e-6f, clipMax) / 255f, 0);
        }

        var inputName = firstConv.Input[0];
        var dequantizedInput = inputName + "_dq";
        scales[inputName] = Asymmetric(inputRange.Min, inputRange.Max);

        // The first Conv reads the dequantized input once it is rewired below.
        scales[dequantizedInput] = scales[inputName];
        var quantizedConvs = clipped.Values.Select(conv => conv.Output[0]).ToHashSet(StringComparer.Ordinal);

        var nodes = new List<NodeProto>(graph.Node.Count * 2);
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Clip" && clipped.ContainsKey(node.Output[0]))
            {
                // The Clip's output name now comes from the DequantizeLinear, so its consumers need no change.
                AppendQuantizeDequantize(nodes, node.Input[0], node.Output[0], scales[node.Output[0]], initializers);
                continue;
            }

            if (node.OpType == "Conv" && quantizedConvs.Contains(node.Output[0]))
            {
                QuantizeConvParameters(nodes, node, initializers, scales[node.Input[0]].Scale);
            }

            nodes.Add(node);
            if (node.Output.Contains(inputName))
            {
                AppendQuantizeDequantize(nodes, inputName, dequantizedInput, scales[inputName], initializers);
                foreach (var consumer in graph.Node.Where(n => n.Input.Contains(inputName)))
                {
                    ReplaceInput(consumer, inputName, dequantizedInput);
                }
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);

        // The dropped Clips' bounds are no longer read by any node.
        var used = nodes.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers.Values.Where(t => used.Contains(t.Name)));
        quantized.DocString = model.DocString + " Static int8 QDQ: per-channel int8 weights, int32 biases, uint8 activations.";
        return quantized;
    }

    private static IEnumerable<(NodeProto Conv, NodeProto Clip)> ClippedConvs(GraphProto graph)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        foreach (var clip in graph.Node.Where(n => n.OpType == "Clip"))
        {
            if (producers.TryGetValue(clip.Input[0], out var conv) && conv.OpType == "Conv"
                && graph.Node.Count(n => n.Input.Contains(conv.Output[0])) == 1)
            {
                yield return (conv, clip);
            }
        }
    }

    /// <summary>The Clip's upper bound; its lower bound must be 0 for the uint8 zero-point-0 clamp to replace it.</summary>
    private static float ClipMaximum(GraphProto graph, string clipOutput, Dictionary<string, TensorProto> initializers)
    {
        var clip = graph.Node.Single(n => n.Output.Contains(clipOutput));
        var min = ScalarValue(initializers, clip.Input[1]);
        var max = ScalarValue(initializers, clip.Input[2]);
        if (min != 0f || max <= 0f)
        {
            throw new InvalidDataException($"Clip '{clip.Name}' clamps to [{min}, {max}]; only [0, max] activations can be quantized with zero point 0.");
        }

        return max;
    }

    private static void QuantizeConvParameters(List<NodeProto> nodes, NodeProto conv, Dictionary<string, TensorProto> initializers, float inputScale)
    {
        var weightTensor = initializers[conv.Input[1]];
        var weights = FloatValues(weightTensor);
        var outChannels = (int)weightTensor.Dims[0];
        var perChannel = weights.Length / outChannels;
        var bias = conv.Input.Count > 2 ? FloatValues(initializers[conv.Input[2]]) : new float[outChannels];

        var weightScales = new float[outChannels];
        var quantizedWeights = new byte[weights.Length];
        var biasScales = new float[outChannels];
        var quantizedBias = new int[outChannels];
        for (var c = 0; c < outChannels; c++)
        {
            var max = 0f;
            for (var k = 0; k < perChannel; k++)
            {
                max = Math.Max(max, Math.Abs(weights[(c * perChannel) + k]));
            }

            weightScales[c] = max > 0 ? max / 127f : 1f;
            for (var k = 0; k < perChannel; k++)
            {
                var q = Math.Clamp(MathF.Round(weights[(c * perChannel) + k] / weightScales[c]), -127, 127);
                quantizedWeights[(c * perChannel) + k] = unchecked((byte)(sbyte)q);
            }

            biasScales[c] = inputScale * weightScales[c];
            quantizedBias[c] = (int)Math.Clamp(Math.Round(bias[c] / (double)biasScales[c]), int.MinValue, int.MaxValue);
        }

        var name = weightTensor.Name;
        initializers.Remove(weightTensor.Name);
        if (conv.Input.Count > 2)
        {
            initializers.Remove(conv.Input[2]);
        }

        var weight = Dequantize(nodes, name + "_q", Tensor(name + "_q", TensorProto.Types.DataType.Int8, quantizedWeights, [.. weightTensor.Dims]),
            Floats(name + "_scale", weightScales), Tensor(name + "_zero_point", TensorProto.Types.DataType.Int8, new byte[outChannels], outChannels), initializers);
        var biasValue = Dequantize(nodes, name + "_bias_q", Tensor(name + "_bias_q", TensorProto.Types.DataType.Int32, Bytes(quantizedBias), outChannels),
            Floats(name + "_bias_scale", biasScales), zeroPoint: null, initializers);
        conv.Input[1] = weight;
        if (conv.Input.Count > 2)
        {
            conv.Input[2] = biasValue;
        }
        else
        {
            conv.Input.Add(biasValue);
        }
    }

    /// <summary>A per-channel (axis 0) DequantizeLinear of an int8 or int32 initializer.</summary>
    private static string Dequantize(List<NodeProto> nodes, string name, TensorProto values, TensorProto scale, TensorProto? zeroPoint, Dictionary<string, TensorProto> initializers)
    {
        initializers[values.Name] = values;
        initializers[scale.Name] = scale;
        var node = new NodeProto { OpType = "DequantizeLinear", Name = name + "_dq" };
        node.Input.Add(values.Name);
        node.Input.Add(scale.Name);
        if (zeroPoint is not null)
        {
            initializers[zeroPoint.Name] = zeroPoint;
            node.Input.Add(zeroPoint.Name);
        }

        node.Output.Add(name + "_dq");
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        nodes.Add(node);
        return node.Output[0];
    }

    private static void AppendQuantizeDequantize(List<NodeProto> nodes, string value, string dequantizedName, (float Scale, byte ZeroPoint) parameters, Dictionary<string, TensorProto> initializers)
    {
        var scale = Floats(dequantizedName + "_scale", [parameters.Scale], scalar: true);
        var zero = Tensor(dequantizedName + "_zero_point", TensorProto.Types.DataType.Uint8, [parameters.ZeroPoint]);
        initializers[scale.Name] = scale;
        initializers[zero.Name] = zero;
        var q = new NodeProto { OpType = "QuantizeLinear", Name = dequantizedName + "_q" };
        q.Input.AddRange([value, scale.Name, zero.Name]);
        q.Output.Add(dequantizedName + "_q");
        var dq = new NodeProto { OpType = "DequantizeLinear", Name = dequantizedName };
        dq.Input.AddRange([q.Output[0], scale.Name, zero.Name]);
        dq.Output.Add(dequantizedName);
        nodes.Add(q);
        nodes.Add(dq);
    }

    private static (float Scale, byte ZeroPoint) Asymmetric(float min, float max)
    {
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        var scale = Math.Max(max - min, 1e-6f) / 255f;
        return (scale, (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255));
    }

    private static void ReplaceInput(NodeProto node, string from, string to)
    {
        for (var i = 0; i < node.Input.Count; i++)
        {
            if (node.Input[i] == from)
            {
                node.Input[i] = to;
            }
        }
    }

    private static float ScalarValue(Dictionary<string, TensorProto> initializers, string name) =>
        initializers.TryGetValue(name, out var tensor) && FloatValues(tensor) is [var value]
            ? value
            : throw new InvalidDataException($"'{name}' is not a float scalar initializer.");

    private static float[] FloatValues(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"Initializer '{tensor.Name}' is not float.");
        }

        return tensor.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : [.. tensor.FloatData];
    }

    private static TensorProto Floats(string name, float[] values, bool scalar = false) =>
        Tensor(name, TensorProto.Types.DataType.Float, Bytes(values), scalar ? [] : [values.Length]);

    private static byte[] Bytes<T>(T[] values) where T : struct =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, byte[] raw, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
