using System.Globalization;
using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using Google.Protobuf;
using Onnx;

namespace EdgeMask.Classification.Tests;

/// <summary>
/// Builds small, predictable classifier models that follow docs/model-format.md, for tests of anything that
/// loads a mask model. The graph is GlobalAveragePool -> Flatten -> Gemm (-> Softmax): each class score is a
/// weighted sum of the mean of every normalised input plane, so a uniformly coloured crop has a known answer
/// (<see cref="ExpectedProbabilities"/>).
/// </summary>
public sealed record TinyMaskModel
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    public int InputWidth { get; init; } = 32;

    public int InputHeight { get; init; } = 32;

    /// <summary>Replaces the declared input shape; -1 is a dynamic dimension. Used to build malformed models.</summary>
    public long[]? InputShape { get; init; }

    public ChannelOrder ChannelOrder { get; init; } = ChannelOrder.Rgb;

    public float[] Mean { get; init; } = [0f, 0f, 0f];

    public float[] Std { get; init; } = [1f, 1f, 1f];

    public string[] Labels { get; init; } = [MaskLabels.WithMask, MaskLabels.WithoutMask];

    /// <summary>Gemm weights [input planes, classes]: score[c] = sum over planes p of mean(plane p) * Weights[p, c] + Bias[c].</summary>
    public float[,] Weights { get; init; } = RedMinusBlue(10f);

    /// <summary>Gemm bias per class; null means zeros.</summary>
    public float[]? Bias { get; init; }

    /// <summary>True: the graph ends at Gemm and metadata says logits; false: a Softmax node, metadata says probabilities.</summary>
    public bool OutputsLogits { get; init; }

    /// <summary>Overrides the class count declared on the output (0 = dynamic); default: the weights' column count.</summary>
    public int? DeclaredClassCount { get; init; }

    public double? CropMargin { get; init; } = 0.15;

    /// <summary>Metadata entries to replace; a null value removes the key.</summary>
    public IReadOnlyDictionary<string, string?> MetadataOverrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Two classes; in RGB order a red crop means with_mask, a blue crop without_mask, grey is a coin toss.</summary>
    public static TinyMaskModel RedMeansMask(float gain = 10f) => new() { Weights = RedMinusBlue(gain) };

    /// <summary>Three classes: red means with_mask, blue without_mask, green mask_weared_incorrect.</summary>
    public static TinyMaskModel ThreeClass(float gain = 10f) => new()
    {
        Labels = [MaskLabels.WithMask, MaskLabels.WithoutMask, MaskLabels.WornIncorrectly],
        Weights = new float[,] { { gain, 0f, 0f }, { 0f, 0f, gain }, { 0f, gain, 0f } },
    };

    /// <summary>Plane 0 minus plane 2 votes for class 0; the opposite for class 1.</summary>
    public static float[,] RedMinusBlue(float gain) => new float[,] { { gain, -gain }, { 0f, 0f }, { -gain, gain } };

    public IReadOnlyDictionary<string, string> Metadata
    {
        get
        {
            var metadata = new Dictionary<string, string>
            {
                [MaskModelMetadata.Labels] = string.Join(",", Labels),
                [MaskModelMetadata.ChannelOrder] = ChannelOrder.ToString().ToUpperInvariant(),
                [MaskModelMetadata.Mean] = Join(Mean),
                [MaskModelMetadata.Std] = Join(Std),
                [MaskModelMetadata.Output] = OutputsLogits ? MaskModelMetadata.OutputLogits : MaskModelMetadata.OutputProbabilities,
                [MaskModelMetadata.Quantization] = "fp32",
            };
            if (CropMargin is { } margin)
            {
                metadata[MaskModelMetadata.CropMargin] = margin.ToString(CultureInfo.InvariantCulture);
            }

            foreach (var (key, value) in MetadataOverrides)
            {
                if (value is null)
                {
                    metadata.Remove(key);
                }
                else
                {
                    metadata[key] = value;
                }
            }

            return metadata;
        }
    }

    public TinyMaskModel WithMetadata(string key, string? value) =>
        this with { MetadataOverrides = new Dictionary<string, string?>(MetadataOverrides) { [key] = value } };

    public ModelProto ToProto()
    {
        var planes = Weights.GetLength(0);
        var classes = Weights.GetLength(1);
        var graph = new GraphProto { Name = "tiny_mask_classifier" };

        graph.Input.Add(TensorInfo("input", InputShape ?? [-1, planes, InputHeight, InputWidth]));
        graph.Initializer.Add(FloatTensor("weights", [planes, classes], Flatten(Weights)));
        graph.Initializer.Add(FloatTensor("bias", [classes], Bias ?? new float[classes]));
        graph.Node.Add(Node("GlobalAveragePool", ["input"], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "features", IntAttribute("axis", 1)));

        var scores = OutputsLogits ? "scores" : "logits";
        graph.Node.Add(Node("Gemm", ["features", "weights", "bias"], scores));
        if (!OutputsLogits)
        {
            graph.Node.Add(Node("Softmax", ["logits"], "scores", IntAttribute("axis", 1)));
        }

        graph.Output.Add(TensorInfo("scores", [-1, DeclaredClassCount is 0 ? -1 : DeclaredClassCount ?? classes]));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "EdgeMask.Classification.Tests.TinyMaskModel",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        foreach (var (key, value) in Metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    public byte[] ToBytes() => ToProto().ToByteArray();

    /// <summary>Writes the model to <paramref name="directory"/> and returns the file's path.</summary>
    public string WriteTo(string directory, string fileName = "mask_classifier.onnx")
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    /// <summary>The model's answer for a crop whose every pixel is (blue, green, red), worked out independently of the graph.</summary>
    public float[] ExpectedProbabilities(byte blue, byte green, byte red)
    {
        byte[] bgr = [blue, green, red];
        int[] sourceOfPlane = ChannelOrder == ChannelOrder.Rgb ? [2, 1, 0] : [0, 1, 2];
        var classes = Weights.GetLength(1);
        var scores = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            scores[c] = Bias?[c] ?? 0f;
            for (var p = 0; p < 3; p++)
            {
                var normalised = ((bgr[sourceOfPlane[p]] / 255.0) - Mean[p]) / Std[p];
                scores[c] += normalised * Weights[p, c];
            }
        }

        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => (float)(e / sum)).ToArray();
    }

    private static ValueInfoProto TensorInfo(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = tensorShape } },
        };
    }

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = FloatType };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, AttributeProto? attribute = null)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (attribute is not null)
        {
            node.Attribute.Add(attribute);
        }

        return node;
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static float[] Flatten(float[,] values) => values.Cast<float>().ToArray();

    private static string Join(float[] values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
