using Google.Protobuf;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>Small helpers that build ONNX protobuf messages (nodes, initializers, value infos).</summary>
internal sealed class OnnxGraph
{
    public const int Opset = 17;
    private const long IrVersion = 8;

    public GraphProto Graph { get; } = new() { Name = "edgemask_mask_classifier" };

    public void Input(string name, int height, int width) =>
        Graph.Input.Add(Value(name, (int)TensorProto.Types.DataType.Float, ["batch", 3, height, width]));

    public void Output(string name, params object[] shape) =>
        Graph.Output.Add(Value(name, (int)TensorProto.Types.DataType.Float, shape));

    public string Node(string opType, string name, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return name;
    }

    public string Floats(string name, float[] values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Float, dims, tensor => tensor.FloatData.AddRange(values));

    public string Raw(string name, TensorProto.Types.DataType type, byte[] bytes, params long[] dims) =>
        Initializer(name, type, dims, tensor => tensor.RawData = ByteString.CopyFrom(bytes));

    public string Int32s(string name, int[] values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Int32, dims, tensor => tensor.Int32Data.AddRange(values));

    public string Int64s(string name, long[] values, params long[] dims) =>
        Initializer(name, TensorProto.Types.DataType.Int64, dims, tensor => tensor.Int64Data.AddRange(values));

    public ModelProto ToModel(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "edgemask-train",
            ProducerVersion = "1",
            DocString = docString,
            Graph = Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static ValueInfoProto Value(string name, int elementType, object[]? shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = elementType };
        if (shape is not null)
        {
            tensorType.Shape = new TensorShapeProto();
            foreach (var dim in shape)
            {
                tensorType.Shape.Dim.Add(dim is string symbol
                    ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                    : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private string Initializer(string name, TensorProto.Types.DataType type, long[] dims, Action<TensorProto> fill)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        fill(tensor);
        Graph.Initializer.Add(tensor);
        return name;
    }
}
