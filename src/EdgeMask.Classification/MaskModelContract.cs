using System.Globalization;
using EdgeMask.Core.Faces;
using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Classification;

/// <summary>Checks a loaded model's input, output and metadata against docs/model-format.md and describes it.</summary>
internal static class MaskModelContract
{
    private const int ColorChannels = 3;

    public static MaskModelInfo Describe(string path, InferenceSession session)
    {
        var (inputName, input) = SingleNode(path, session.InputMetadata, "input");
        var (outputName, output) = SingleNode(path, session.OutputMetadata, "output");
        _ = inputName;
        _ = outputName;

        CheckInput(path, input);
        CheckOutput(path, output);

        var metadata = session.ModelMetadata.CustomMetadataMap;
        var (labels, classes) = ReadLabels(path, metadata);
        var channelOrder = ReadChannelOrder(path, metadata);
        var mean = ReadTriple(path, metadata, MaskModelMetadata.Mean, mustBePositive: false);
        var std = ReadTriple(path, metadata, MaskModelMetadata.Std, mustBePositive: true);
        var outputsProbabilities = ReadOutputKind(path, metadata);
        var cropMargin = ReadCropMargin(path, metadata);
        var inputColour = ReadInputColour(path, metadata);
        var inputContrast = ReadInputContrast(path, metadata);

        var classCount = output.Dimensions[1];
        if (classCount > 0 && classCount != labels.Count)
        {
            throw new MaskModelException(
                path,
                $"the output has {classCount} classes but {MaskModelMetadata.Labels} names {labels.Count} ({string.Join(",", labels)})");
        }

        return new MaskModelInfo(
            path,
            InputWidth: input.Dimensions[3],
            InputHeight: input.Dimensions[2],
            channelOrder,
            mean,
            std,
            classes,
            labels,
            outputsProbabilities,
            cropMargin,
            new Dictionary<string, string>(metadata, StringComparer.Ordinal).AsReadOnly(),
            inputColour,
            inputContrast);
    }

    /// <summary>The batch size the model accepts at most: its fixed N, or int.MaxValue when N is dynamic.</summary>
    public static int MaxModelBatch(InferenceSession session) =>
        session.InputMetadata.Values.Single().Dimensions[0] is var n && n > 0 ? n : int.MaxValue;

    private static (string Name, NodeMetadata Node) SingleNode(string path, IReadOnlyDictionary<string, NodeMetadata> nodes, string kind)
    {
        if (nodes.Count != 1)
        {
            throw new MaskModelException(path, $"expected exactly one {kind}, found {nodes.Count} ({string.Join(", ", nodes.Keys)})");
        }

        var (name, node) = nodes.Single();
        if (!node.IsTensor || node.ElementType != typeof(float))
        {
            throw new MaskModelException(path, $"the {kind} '{name}' must be a float32 tensor, found {node.ElementDataType}");
        }

        return (name, node);
    }

    private static void CheckInput(string path, NodeMetadata input)
    {
        var dims = input.Dimensions;
        var shape = FormatShape(dims);
        if (dims.Length != 4)
        {
            throw new MaskModelException(path, $"the input must have shape [N,3,H,W] (rank 4), found {shape} (rank {dims.Length})");
        }

        if (dims[1] != ColorChannels)
        {
            throw new MaskModelException(path, $"the input must have 3 colour channels at dimension 1 ([N,3,H,W]), found {shape}");
        }

        if (dims[2] <= 0 || dims[3] <= 0)
        {
            throw new MaskModelException(path, $"the input height and width must be fixed positive sizes, found {shape}");
        }

        if (dims[0] > 1)
        {
            throw new MaskModelException(path, $"the input batch dimension must be dynamic (or 1), found {shape}");
        }
    }

    private static void CheckOutput(string path, NodeMetadata output)
    {
        if (output.Dimensions.Length != 2)
        {
            throw new MaskModelException(path, $"the output must have shape [N,C] (rank 2), found {FormatShape(output.Dimensions)}");
        }
    }

    private static (IReadOnlyList<string> Labels, IReadOnlyList<MaskStatus> Classes) ReadLabels(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var labels = Require(path, metadata, MaskModelMetadata.Labels)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length is < 2 or > 3)
        {
            throw new MaskModelException(path, $"{MaskModelMetadata.Labels} must name 2 or 3 classes, found {labels.Length} ('{string.Join(",", labels)}')");
        }

        var statuses = new List<MaskStatus>(labels.Length);
        foreach (var label in labels)
        {
            if (!MaskLabels.TryParse(label, out var status))
            {
                throw new MaskModelException(
                    path,
                    $"{MaskModelMetadata.Labels} has unknown label '{label}'; use {MaskLabels.WithMask}, {MaskLabels.WithoutMask} or {MaskLabels.WornIncorrectly}");
            }

            if (statuses.Contains(status))
            {
                throw new MaskModelException(path, $"{MaskModelMetadata.Labels} names the class of '{label}' twice");
            }

            statuses.Add(status);
        }

        if (!statuses.Contains(MaskStatus.Mask) || !statuses.Contains(MaskStatus.NoMask))
        {
            throw new MaskModelException(path, $"{MaskModelMetadata.Labels} must include {MaskLabels.WithMask} and {MaskLabels.WithoutMask}, found '{string.Join(",", labels)}'");
        }

        return (labels, statuses);
    }

    private static ChannelOrder ReadChannelOrder(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var value = Require(path, metadata, MaskModelMetadata.ChannelOrder);
        return value.Trim().ToUpperInvariant() switch
        {
            "RGB" => ChannelOrder.Rgb,
            "BGR" => ChannelOrder.Bgr,
            _ => throw new MaskModelException(path, $"{MaskModelMetadata.ChannelOrder} must be RGB or BGR, found '{value}'"),
        };
    }

    private static float[] ReadTriple(string path, IReadOnlyDictionary<string, string> metadata, string key, bool mustBePositive)
    {
        var text = Require(path, metadata, key);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                throw new MaskModelException(path, $"{key} must be 3 comma-separated numbers, found '{text}'");
            }
        }

        if (values.Length != ColorChannels)
        {
            throw new MaskModelException(path, $"{key} must be 3 comma-separated numbers (one per channel), found {values.Length} in '{text}'");
        }

        if (mustBePositive && values.Any(v => v <= 0))
        {
            throw new MaskModelException(path, $"{key} values must be greater than 0, found '{text}'");
        }

        return values;
    }

    private static bool ReadOutputKind(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var value = Require(path, metadata, MaskModelMetadata.Output).Trim();
        if (value.Equals(MaskModelMetadata.OutputProbabilities, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals(MaskModelMetadata.OutputLogits, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new MaskModelException(
            path,
            $"{MaskModelMetadata.Output} must be '{MaskModelMetadata.OutputProbabilities}' or '{MaskModelMetadata.OutputLogits}', found '{value}'");
    }

    private static double? ReadCropMargin(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MaskModelMetadata.CropMargin, out var text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var margin) || margin is < 0 or > 1 || double.IsNaN(margin))
        {
            throw new MaskModelException(path, $"{MaskModelMetadata.CropMargin} must be a number in [0, 1], found '{text}'");
        }

        return margin;
    }

    private static InputColour ReadInputColour(string path, IReadOnlyDictionary<string, string> metadata) =>
        ReadChoice(path, metadata, MaskModelMetadata.InputColour, InputColour.Colour, ("colour", InputColour.Colour), ("grey", InputColour.Grey));

    private static InputContrast ReadInputContrast(string path, IReadOnlyDictionary<string, string> metadata) =>
        ReadChoice(path, metadata, MaskModelMetadata.InputContrast, InputContrast.AsCaptured, ("as_captured", InputContrast.AsCaptured), ("standardised", InputContrast.Standardised));

    /// <summary>An optional key naming one of <paramref name="choices"/>; <paramref name="absent"/> when the key is missing.</summary>
    private static T ReadChoice<T>(string path, IReadOnlyDictionary<string, string> metadata, string key, T absent, params (string Name, T Value)[] choices)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return absent;
        }

        var name = text.Trim().ToLowerInvariant();
        foreach (var choice in choices)
        {
            if (choice.Name == name)
            {
                return choice.Value;
            }
        }

        throw new MaskModelException(path, $"{key} must be {string.Join(" or ", choices.Select(c => $"'{c.Name}'"))}, found '{text}'");
    }

    private static string Require(string path, IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new MaskModelException(path, $"metadata key '{key}' is missing (required: {string.Join(", ", MaskModelMetadata.Required)}; see docs/model-format.md)");

    private static string FormatShape(int[] dims) =>
        "[" + string.Join(",", dims.Select(d => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : "?")) + "]";
}
