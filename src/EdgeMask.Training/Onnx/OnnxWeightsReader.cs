using EdgeMask.Training.Model;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>
/// Reads the weights of an fp32 model written by <see cref="Fp32Exporter"/> back into a <see cref="FoldedNetwork"/>
/// (for fine-tuning); a model that averages several networks comes back merged, with its member count.
/// </summary>
public static class OnnxWeightsReader
{
    public static FoldedNetwork Read(string path)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        float[] Floats(string name)
        {
            if (!initializers.TryGetValue(name, out var tensor) || tensor.DataType != (int)TensorProto.Types.DataType.Float)
            {
                throw new InvalidDataException($"Model '{path}' has no fp32 initializer '{name}'; fine-tuning needs the fp32 model written by edgemask-train (not the int8 one).");
            }

            return tensor.FloatData.Count > 0 ? tensor.FloatData.ToArray() : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        }

        var convs = new List<FoldedConv>();
        foreach (var node in model.Graph.Node.Where(n => n.OpType == "Conv"))
        {
            var weight = initializers.GetValueOrDefault(node.Input[1]) ?? throw new InvalidDataException($"Model '{path}': conv '{node.Name}' has no weight initializer.");
            var dims = weight.Dims.Select(d => (int)d).ToArray();
            var group = (int)(node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1);
            var stride = (int)(node.Attribute.FirstOrDefault(a => a.Name == "strides")?.Ints[0] ?? 1);
            var spec = new ConvSpec(dims[1] * group, dims[0], dims[2], stride, group);
            convs.Add(new FoldedConv(spec, Floats(node.Input[1]), Floats(node.Input[2])));
        }

        var gemm = model.Graph.Node.SingleOrDefault(n => n.OpType == "Gemm") ?? throw new InvalidDataException($"Model '{path}' has no Gemm head.");
        var headWeight = Floats(gemm.Input[1]);
        var logits = (int)initializers[gemm.Input[1]].Dims[0];
        var members = initializers.TryGetValue(Fp32Exporter.MemberShapeName, out var shape) ? (int)shape.Int64Data[1] : 1;
        if (convs.Count == 0)
        {
            throw new InvalidDataException($"Model '{path}' has no Conv layers.");
        }

        return new FoldedNetwork(convs, headWeight, Floats(gemm.Input[2]), logits / members, members);
    }
}
