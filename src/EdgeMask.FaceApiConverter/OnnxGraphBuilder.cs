using Google.Protobuf;
using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>
/// Builds an ONNX graph (opset 13, NCHW) node by node from tfjs weights, converting tfjs's NHWC filter layouts.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const long OpsetVersion = 13;

    private readonly GraphProto _graph;
    private readonly IReadOnlyDictionary<string, WeightTensor> _weights;
    private int _nextId;

    public OnnxGraphBuilder(string graphName, IReadOnlyDictionary<string, WeightTensor> weights)
    {
        _graph = new GraphProto { Name = graphName };
        _weights = weights;
    }

    /// <summary>Declares a float input of shape [1, 3, height, width]; null sizes become symbolic dimensions.</summary>
    public string AddImageInput(string name, int? heightPixels, int? widthPixels)
    {
        _graph.Input.Add(FloatValueInfo(name, Dim(1), Dim(3), heightPixels is { } h ? Dim(h) : Dim("height"), widthPixels is { } w ? Dim(w) : Dim("width")));
        return name;
    }

    /// <summary>Marks a value as a graph output; null dimensions are left symbolic.</summary>
    public void AddOutput(string value, string outputName, params long?[] dims)
    {
        var renamed = Node("Identity", [value], name: outputName);
        _graph.Output.Add(FloatValueInfo(renamed, dims.Select((d, i) => d is { } v ? Dim(v) : Dim($"{outputName}_{i}")).ToArray()));
    }

    /// <summary>A 2-D convolution with a tfjs [kh, kw, in, out] filter.</summary>
    public string Conv(string input, string filterName, string? biasName, int stride, Padding padding) =>
        Conv(input, ConvFilter(Weight(filterName)), biasName is null ? null : Weight(biasName).Values, group: 1, stride, padding);

    /// <summary>A depthwise convolution with a tfjs [kh, kw, in, 1] filter and no bias.</summary>
    public string DepthwiseConv(string input, string filterName, int stride, Padding padding) =>
        DepthwiseConv(input, filterName, scale: null, bias: null, stride, padding);

    /// <summary>A depthwise convolution whose per-channel scale and bias fold a batch normalisation into it.</summary>
    public string DepthwiseConv(string input, string filterName, float[]? scale, float[]? bias, int stride, Padding padding)
    {
        var filter = DepthwiseFilter(Weight(filterName), scale);
        return Conv(input, filter, bias, group: (int)filter.Dims[0], stride, padding);
    }

    public string LeakyRelu(string input, float alpha) => Node("LeakyRelu", [input], attributes: [FloatAttribute("alpha", alpha)]);

    public string Clip(string input, float min, float max) => Node("Clip", [input, Scalar(min), Scalar(max)]);

    public string Sigmoid(string input) => Node("Sigmoid", [input]);

    public string Exp(string input) => Node("Exp", [input]);

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Sub(string a, string b) => Node("Sub", [a, b]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Div(string a, string b) => Node("Div", [a, b]);

    public string Concat(int axis, params string[] inputs) => Node("Concat", inputs, attributes: [IntAttribute("axis", axis)]);

    public string Transpose(string input, params long[] perm) => Node("Transpose", [input], attributes: [IntsAttribute("perm", perm)]);

    public string Reshape(string input, params long[] shape) => Node("Reshape", [input, Int64Constant(shape, [shape.Length])]);

    /// <summary>Elements [start, end) along one axis.</summary>
    public string Slice(string input, long axis, long start, long end) =>
        Node("Slice", [input, Int64Constant([start], [1]), Int64Constant([end], [1]), Int64Constant([axis], [1])]);

    /// <summary>Max pooling with TensorFlow's "same" padding (any extra padding goes after, as SAME_UPPER does).</summary>
    public string MaxPoolSame(string input, int kernel, int stride) =>
        Node("MaxPool", [input], attributes:
        [
            StringAttribute("auto_pad", "SAME_UPPER"),
            IntsAttribute("kernel_shape", kernel, kernel),
            IntsAttribute("strides", stride, stride),
        ]);

    /// <summary>A float constant (initializer) with the given shape.</summary>
    public string Constant(float[] values, long[] dims, string? name = null)
    {
        var tensor = new TensorProto { Name = name ?? NewName("const"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Scalar(float value) => Constant([value], []);

    public IReadOnlyDictionary<string, WeightTensor> Weights => _weights;

    public WeightTensor Weight(string name) =>
        _weights.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"The weights manifest has no entry '{name}'; is this the right face-api model?");

    public ModelProto ToModel(string docString, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "edgemask-faceapi-convert",
            ProducerVersion = "1",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    private string Conv(string input, TensorProto filter, float[]? bias, int group, int stride, Padding padding)
    {
        _graph.Initializer.Add(filter);
        var inputs = new List<string> { input, filter.Name };
        if (bias is not null)
        {
            if (bias.Length != filter.Dims[0])
            {
                throw new InvalidDataException($"Bias of {bias.Length} values does not match filter {filter.Name} with {filter.Dims[0]} output channels.");
            }

            inputs.Add(Constant(bias, [bias.Length], filter.Name + "_bias"));
        }

        var kernel = filter.Dims[2];
        var attributes = new List<AttributeProto>
        {
            IntsAttribute("kernel_shape", kernel, filter.Dims[3]),
            IntsAttribute("strides", stride, stride),
            IntAttribute("group", group),
        };
        attributes.Add(padding switch
        {
            Padding.Valid => IntsAttribute("pads", 0, 0, 0, 0),
            Padding.Same => StringAttribute("auto_pad", "SAME_UPPER"),
            Padding.Symmetric1 => IntsAttribute("pads", 1, 1, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(padding), padding, null),
        });
        return Node("Conv", [.. inputs], attributes: [.. attributes]);
    }

    /// <summary>[kh, kw, in, out] -> [out, in, kh, kw].</summary>
    private TensorProto ConvFilter(WeightTensor weight)
    {
        RequireRank(weight, 4);
        int kh = weight.Shape[0], kw = weight.Shape[1], cin = weight.Shape[2], cout = weight.Shape[3];
        var values = new float[weight.Values.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < cin; i++)
                {
                    for (var o = 0; o < cout; o++)
                    {
                        values[(((o * cin) + i) * kh + y) * kw + x] = weight.Values[(((y * kw) + x) * cin + i) * cout + o];
                    }
                }
            }
        }

        return FloatTensor(weight.Name, values, cout, cin, kh, kw);
    }

    /// <summary>[kh, kw, channels, 1] -> [channels, 1, kh, kw], each channel optionally scaled.</summary>
    private TensorProto DepthwiseFilter(WeightTensor weight, float[]? scale)
    {
        RequireRank(weight, 4);
        int kh = weight.Shape[0], kw = weight.Shape[1], channels = weight.Shape[2];
        if (weight.Shape[3] != 1)
        {
            throw new InvalidDataException($"Depthwise filter '{weight.Name}' has channel multiplier {weight.Shape[3]}; only 1 is supported.");
        }

        var values = new float[weight.Values.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    values[((c * kh) + y) * kw + x] = weight.Values[((y * kw) + x) * channels + c] * (scale?[c] ?? 1f);
                }
            }
        }

        return FloatTensor(weight.Name, values, channels, 1, kh, kw);
    }

    private static void RequireRank(WeightTensor weight, int rank)
    {
        if (weight.Shape.Count != rank)
        {
            throw new InvalidDataException($"Weight '{weight.Name}' has shape [{string.Join(", ", weight.Shape)}]; expected rank {rank}.");
        }
    }

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    private string Int64Constant(long[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = NewName("i64"), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private string Node(string opType, string[] inputs, string? name = null, AttributeProto[]? attributes = null)
    {
        var output = name ?? NewName(opType.ToLowerInvariant());
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (attributes is not null)
        {
            node.Attribute.AddRange(attributes);
        }

        _graph.Node.Add(node);
        return output;
    }

    private string NewName(string prefix) => $"{prefix}_{_nextId++}";

    private static ValueInfoProto FloatValueInfo(string name, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorShapeProto.Types.Dimension Dim(long value) => new() { DimValue = value };

    private static TensorShapeProto.Types.Dimension Dim(string symbol) => new() { DimParam = symbol };

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto StringAttribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto IntsAttribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}

/// <summary>Convolution padding: TensorFlow "valid", TensorFlow "same", or one pixel on every side.</summary>
internal enum Padding
{
    Valid,
    Same,
    Symmetric1,
}
