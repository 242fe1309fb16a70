using Google.Protobuf;
using Onnx;

namespace EdgeMask.Benchmarking;

/// <summary>
/// The tutorial's classifier as an ONNX graph: VGG19 without its top at 128x128, Flatten, Dense(2), sigmoid.
/// Weights are random (seeded): latency does not depend on their values, and ImageNet weights cannot be
/// fetched here. Used only as the baseline of <c>edgemask bench</c>.
/// </summary>
public static class Vgg19OnnxModel
{
    public const int InputSize = 128;

    // VGG19 configuration "E": channel counts, 0 = 2x2 max pool.
    private static readonly int[] Layers = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0];

    public static void Write(string path, int seed = 19)
    {
        var random = new Random(seed);
        var graph = new GraphProto { Name = "vgg19_tutorial" };
        graph.Input.Add(ValueInfo("input", -1, 3, InputSize, InputSize));

        var current = "input";
        var channels = 3;
        var size = InputSize;
        var index = 0;
        foreach (var layer in Layers)
        {
            index++;
            if (layer == 0)
            {
                var pooled = $"pool{index}";
                graph.Node.Add(Node("MaxPool", [current], pooled, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
                current = pooled;
                size /= 2;
                continue;
            }

            var weight = $"conv{index}_w";
            var bias = $"conv{index}_b";
            graph.Initializer.Add(RandomTensor(weight, random, Math.Sqrt(2.0 / (channels * 9)), layer, channels, 3, 3));
            graph.Initializer.Add(RandomTensor(bias, random, 0.01, layer));
            var conv = $"conv{index}";
            graph.Node.Add(Node("Conv", [current, weight, bias], conv, Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)));
            var relu = $"relu{index}";
            graph.Node.Add(Node("Relu", [conv], relu));
            current = relu;
            channels = layer;
        }

        var features = channels * size * size;
        graph.Node.Add(Node("Flatten", [current], "flat", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));
        graph.Initializer.Add(RandomTensor("dense_w", random, Math.Sqrt(1.0 / features), features, 2));
        graph.Initializer.Add(RandomTensor("dense_b", random, 0.01, 2));
        graph.Node.Add(Node("Gemm", ["flat", "dense_w", "dense_b"], "logits"));
        graph.Node.Add(Node("Sigmoid", ["logits"], "output"));
        graph.Output.Add(ValueInfo("output", -1, 2));

        var model = new ModelProto { IrVersion = 8, ProducerName = "edgemask-bench", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        using var file = File.Create(path);
        model.WriteTo(file);
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static TensorProto RandomTensor(string name, Random random, double scale, params long[] dims)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static ValueInfoProto ValueInfo(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
