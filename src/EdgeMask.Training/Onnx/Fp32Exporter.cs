using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>
/// Writes a <see cref="FoldedNetwork"/> as an fp32 ONNX graph: Conv+Relu per layer, GlobalAveragePool, Flatten,
/// Gemm, Softmax; input "input" [batch, 3, H, W], output "probabilities" [batch, classes]. A merged network
/// (<see cref="FoldedNetwork.Members"/> above 1) reshapes its logits to [batch, members, classes], takes the softmax per
/// member and averages the members.
/// </summary>
public static class Fp32Exporter
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";

    /// <summary>The [-1, members, classes] shape initializer of a merged network's head.</summary>
    public const string MemberShapeName = "member_logits.shape";

    public static string ActivationName(int layer) => $"relu{layer}";

    /// <param name="exposeActivations">Also output every ReLU activation (for calibrating the int8 model).</param>
    public static ModelProto Build(FoldedNetwork network, InputSpec input, bool exposeActivations = false)
    {
        var graph = new OnnxGraph();
        graph.Input(InputName, input.Height, input.Width);
        var x = InputName;
        for (var i = 0; i < network.Convs.Count; i++)
        {
            var conv = network.Convs[i];
            var spec = conv.Spec;
            var weight = graph.Floats($"conv{i}.weight", conv.Weight, spec.OutChannels, spec.InChannels / spec.Groups, spec.Kernel, spec.Kernel);
            var bias = graph.Floats($"conv{i}.bias", conv.Bias, spec.OutChannels);
            x = graph.Node("Conv", $"conv{i}", [x, weight, bias], ConvAttributes(spec));
            x = graph.Node("Relu", ActivationName(i), [x]);
            if (exposeActivations)
            {
                graph.Graph.Output.Add(OnnxGraph.Value(x, (int)TensorProto.Types.DataType.Float, null));
            }
        }

        AppendHead(graph, network, x);
        graph.Output(OutputName, "batch", network.Classes);
        return graph.ToModel($"EdgeMask mask classifier, fp32{network.MembersNote}, BatchNorm folded into the convolutions.");
    }

    internal static global::Onnx.AttributeProto[] ConvAttributes(ConvSpec spec) =>
    [
        OnnxGraph.Ints("kernel_shape", spec.Kernel, spec.Kernel),
        OnnxGraph.Ints("strides", spec.Stride, spec.Stride),
        OnnxGraph.Ints("pads", spec.Padding, spec.Padding, spec.Padding, spec.Padding),
        OnnxGraph.Int("group", spec.Groups),
    ];

    internal static void AppendHead(OnnxGraph graph, FoldedNetwork network, string features)
    {
        var pooled = graph.Node("GlobalAveragePool", "pool", [features]);
        var flat = graph.Node("Flatten", "features", [pooled], OnnxGraph.Int("axis", 1));
        var weight = graph.Floats("head.weight", network.HeadWeight, network.Logits, network.Features);
        var bias = graph.Floats("head.bias", network.HeadBias, network.Logits);
        var logits = graph.Node("Gemm", "logits", [flat, weight, bias], OnnxGraph.Int("transB", 1));
        if (network.Members == 1)
        {
            graph.Node("Softmax", OutputName, [logits], OnnxGraph.Int("axis", 1));
            return;
        }

        var shape = graph.Int64s(MemberShapeName, [-1, network.Members, network.Classes], 3);
        var perMember = graph.Node("Reshape", "member_logits", [logits, shape]);
        var probabilities = graph.Node("Softmax", "member_probabilities", [perMember], OnnxGraph.Int("axis", 2));
        graph.Node("ReduceMean", OutputName, [probabilities], OnnxGraph.Ints("axes", 1), OnnxGraph.Int("keepdims", 0));
    }
}
