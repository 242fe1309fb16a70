namespace EdgeMask.Training.Onnx;

/// <summary>
/// Converts the part of a TensorFlow.js graph model that a MobileNet-style feature extractor uses (Conv2D,
/// DepthwiseConv2dNative, Add/Mul by constants, Relu, Minimum/Maximum, Mean, _FusedMatMul with BiasAdd/Relu) into
/// ONNX, up to one named node, with an NCHW input "input" [batch, 3, H, W]. TF.js works in NHWC: weights are
/// transposed to ONNX's layouts and per-channel constants reshaped to broadcast over NCHW. Any other op is refused by
/// name, so a model this does not cover fails at conversion, not with wrong numbers.
/// </summary>
public static class TfjsToOnnx
{
    /// <param name="featureNode">The TF.js node whose output becomes the graph output "features".</param>
    /// <returns>The graph (not yet a model: callers add a head) and the feature width.</returns>
    internal static (OnnxGraph Graph, string Features, int Width) Convert(TfjsGraphModel model, string featureNode, int height, int width)
    {
        var byName = model.Nodes.ToDictionary(n => n.Name);
        if (!byName.ContainsKey(featureNode))
        {
            throw new InvalidDataException($"The TF.js model has no node '{featureNode}'.");
        }

        var graph = new OnnxGraph();
        graph.Input(Fp32Exporter.InputName, height, width);
        var converted = new Dictionary<string, (string Name, int Rank, int Channels)>();
        foreach (var node in Needed(byName, featureNode))
        {
            converted[node.Name] = Node(graph, model, node, converted, byName);
        }

        var (features, rank, channels) = converted[featureNode];
        if (rank != 2)
        {
            throw new InvalidDataException($"Node '{featureNode}' gives a rank-{rank} tensor; a feature node must give [batch, features].");
        }

        return (graph, features, channels);
    }

    /// <summary>The non-constant nodes <paramref name="output"/> depends on, inputs before their users.</summary>
    private static List<TfjsNode> Needed(Dictionary<string, TfjsNode> byName, string output)
    {
        var order = new List<TfjsNode>();
        var seen = new HashSet<string>();
        void Visit(string name)
        {
            if (!seen.Add(name) || !byName.TryGetValue(name, out var node) || node.Op == "Const")
            {
                return;
            }

            foreach (var input in node.Inputs)
            {
                Visit(input);
            }

            order.Add(node);
        }

        Visit(output);
        return order;
    }

    private static (string Name, int Rank, int Channels) Node(OnnxGraph graph, TfjsGraphModel model, TfjsNode node, Dictionary<string, (string Name, int Rank, int Channels)> converted, Dictionary<string, TfjsNode> byName)
    {
        TfjsTensor Constant(int input) => model.Constants.TryGetValue(node.Inputs[input], out var t)
            ? t
            : throw new InvalidDataException($"TF.js node '{node.Name}' ({node.Op}): input '{node.Inputs[input]}' is not a stored constant.");
        (string Name, int Rank, int Channels) Tensor(int input) => converted.TryGetValue(node.Inputs[input], out var t)
            ? t
            : throw new InvalidDataException($"TF.js node '{node.Name}' ({node.Op}): input '{node.Inputs[input]}' was not converted.");
        bool IsConstant(int input) => byName.TryGetValue(node.Inputs[input], out var n) && n.Op == "Const";

        switch (node.Op)
        {
            case "Placeholder":
                return (Fp32Exporter.InputName, 4, 3);
            case "Conv2D":
            case "DepthwiseConv2dNative":
                return Convolution(graph, node, Tensor(0), Constant(1));
            case "Add" or "AddV2" or "BiasAdd" or "Mul" or "Minimum" or "Maximum":
            {
                var op = node.Op switch { "Mul" => "Mul", "Minimum" => "Min", "Maximum" => "Max", _ => "Add" };
                var (x, y) = IsConstant(0) ? (1, 0) : (0, 1);
                var left = Tensor(x);
                var right = IsConstant(y) ? Broadcast(graph, node.Inputs[y], Constant(y), left.Rank) : Tensor(y).Name;
                return (graph.Node(op, node.Name, [left.Name, right]), left.Rank, left.Channels);
            }

            case "Relu":
                return (graph.Node("Relu", node.Name, [Tensor(0).Name]), Tensor(0).Rank, Tensor(0).Channels);
            case "Relu6":
                return (graph.Node("Clip", node.Name, [Tensor(0).Name, Scalar(graph, node.Name + ".min", 0), Scalar(graph, node.Name + ".max", 6)]), Tensor(0).Rank, Tensor(0).Channels);
            case "Mean":
            {
                var x = Tensor(0);
                var keep = node.Flag("keep_dims") ?? false;
                long[] axes = [.. Constant(1).Values.Select(a => (long)NchwAxis((int)a, x.Rank))];
                var reduced = graph.Node("ReduceMean", node.Name, [x.Name], OnnxGraph.Ints("axes", axes), OnnxGraph.Int("keepdims", keep ? 1 : 0));
                return (reduced, keep ? x.Rank : x.Rank - axes.Length, x.Channels);
            }

            case "_FusedMatMul":
                return FusedMatMul(graph, node, Tensor(0), Constant(1), Constant(2));
            default:
                throw new InvalidDataException($"TF.js op '{node.Op}' (node '{node.Name}') is not supported by this converter.");
        }
    }

    private static (string Name, int Rank, int Channels) Convolution(OnnxGraph graph, TfjsNode node, (string Name, int Rank, int Channels) x, TfjsTensor kernel)
    {
        if (node.Text("data_format") is { } format && format != "NHWC")
        {
            throw new InvalidDataException($"TF.js node '{node.Name}': data format {format}; only NHWC is supported.");
        }

        var (kh, kw, inChannels, multiplier) = (kernel.Shape[0], kernel.Shape[1], kernel.Shape[2], kernel.Shape[3]);
        var depthwise = node.Op == "DepthwiseConv2dNative";
        var outChannels = depthwise ? inChannels * multiplier : multiplier;
        var weights = new float[kernel.Values.Length];
        for (var h = 0; h < kh; h++)
        {
            for (var w = 0; w < kw; w++)
            {
                for (var i = 0; i < inChannels; i++)
                {
                    for (var o = 0; o < multiplier; o++)
                    {
                        var source = (((h * kw) + w) * inChannels * multiplier) + (i * multiplier) + o;
                        // ONNX: [out, in/group, kh, kw]; depthwise output channel i*multiplier+o reads input channel i.
                        var target = depthwise
                            ? (((((i * multiplier) + o) * kh) + h) * kw) + w
                            : (((((o * inChannels) + i) * kh) + h) * kw) + w;
                        weights[target] = kernel.Values[source];
                    }
                }
            }
        }

        var weight = graph.Floats(node.Name + ".weight", weights, outChannels, depthwise ? 1 : inChannels, kh, kw);
        var strides = node.Ints("strides") ?? [1, 1, 1, 1];
        var dilations = node.Ints("dilations") ?? [1, 1, 1, 1];
        var padding = node.Text("padding") ?? "VALID";
        if (padding is not ("SAME" or "VALID"))
        {
            throw new InvalidDataException($"TF.js node '{node.Name}': padding {padding}; only SAME and VALID are supported.");
        }

        var output = graph.Node("Conv", node.Name, [x.Name, weight],
            OnnxGraph.Ints("kernel_shape", kh, kw),
            OnnxGraph.Ints("strides", strides[1], strides[2]),
            OnnxGraph.Ints("dilations", dilations[1], dilations[2]),
            OnnxGraph.Int("group", depthwise ? inChannels : 1),
            OnnxGraph.Text("auto_pad", padding == "SAME" ? "SAME_UPPER" : "VALID"));
        return (output, 4, outChannels);
    }

    private static (string Name, int Rank, int Channels) FusedMatMul(OnnxGraph graph, TfjsNode node, (string Name, int Rank, int Channels) x, TfjsTensor kernel, TfjsTensor bias)
    {
        var fused = node.Texts("fused_ops");
        if (fused.Count == 0 || fused[0] != "BiasAdd" || fused.Skip(1).Any(op => op != "Relu") || (node.Flag("transpose_a") ?? false))
        {
            throw new InvalidDataException($"TF.js node '{node.Name}': _FusedMatMul with {string.Join("+", fused)}; only BiasAdd and BiasAdd+Relu are supported.");
        }

        var transposed = node.Flag("transpose_b") ?? false;
        var outputs = transposed ? kernel.Shape[0] : kernel.Shape[1];
        var weight = graph.Floats(node.Name + ".weight", kernel.Values, kernel.Shape[0], kernel.Shape[1]);
        var biasName = graph.Floats(node.Name + ".bias", bias.Values, bias.Shape[0]);
        var gemm = graph.Node("Gemm", fused.Count > 1 ? node.Name + ".linear" : node.Name, [x.Name, weight, biasName], OnnxGraph.Int("transB", transposed ? 1 : 0));
        return (fused.Count > 1 ? graph.Node("Relu", node.Name, [gemm]) : gemm, 2, outputs);
    }

    /// <summary>A constant as an initializer that broadcasts against an NCHW tensor: a per-channel vector becomes [C, 1, 1].</summary>
    private static string Broadcast(OnnxGraph graph, string name, TfjsTensor constant, int rank)
    {
        if (constant.Shape.Length == 0)
        {
            return graph.Floats(name, constant.Values);
        }

        if (constant.Shape.Length == 1)
        {
            return rank == 4 ? graph.Floats(name, constant.Values, constant.Shape[0], 1, 1) : graph.Floats(name, constant.Values, constant.Shape[0]);
        }

        throw new InvalidDataException($"TF.js constant '{name}' of shape [{string.Join(",", constant.Shape)}] cannot be broadcast by this converter.");
    }

    private static string Scalar(OnnxGraph graph, string name, float value) => graph.Floats(name, [value]);

    /// <summary>An NHWC axis of a rank-4 tensor as its NCHW axis (other ranks unchanged).</summary>
    private static int NchwAxis(int axis, int rank) => rank != 4 ? axis : axis switch { 1 => 2, 2 => 3, 3 => 1, _ => 0 };
}
