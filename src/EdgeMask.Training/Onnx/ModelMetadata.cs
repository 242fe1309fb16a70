using System.Globalization;
using EdgeMask.Training.Imaging;
using Onnx;

namespace EdgeMask.Training.Onnx;

/// <summary>The edgemask.* metadata of docs/model-format.md.</summary>
public sealed record ModelMetadata(
    IReadOnlyList<string> Labels,
    InputSpec Input,
    string DatasetSha256,
    string MetricsJson,
    string Quantization)
{
    public const string LabelsKey = "edgemask.labels";
    public const string ChannelOrderKey = "edgemask.channel_order";
    public const string MeanKey = "edgemask.mean";
    public const string StdKey = "edgemask.std";
    public const string OutputKey = "edgemask.output";
    public const string CropMarginKey = "edgemask.crop_margin";
    public const string DatasetKey = "edgemask.dataset_sha256";
    public const string MetricsKey = "edgemask.metrics";
    public const string QuantizationKey = "edgemask.quantization";
    public const string InputColourKey = "edgemask.input_colour";
    public const string InputContrastKey = "edgemask.input_contrast";

    public ModelMetadata With(string quantization) => this with { Quantization = quantization };

    public void WriteTo(ModelProto model)
    {
        model.MetadataProps.Clear();
        void Add(string key, string value) => model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        Add(LabelsKey, string.Join(',', Labels));
        Add(ChannelOrderKey, "RGB");
        Add(MeanKey, Join(Input.Mean));
        Add(StdKey, Join(Input.Std));
        Add(OutputKey, "probabilities");
        Add(CropMarginKey, Input.CropMargin.ToString("R", CultureInfo.InvariantCulture));
        Add(DatasetKey, DatasetSha256);
        Add(MetricsKey, MetricsJson);
        Add(QuantizationKey, Quantization);
        if (Input.Greyscale)
        {
            // Written for grey models only, so colour models stay byte for byte what earlier versions wrote.
            Add(InputColourKey, "grey");
        }

        if (Input.StandardisedContrast)
        {
            // Written for standardised models only, for the same reason.
            Add(InputContrastKey, "standardised");
        }
    }

    /// <summary>Reads the metadata of a model file; a missing or malformed key is an error naming the key and the file.</summary>
    public static ModelMetadata Read(string path, IReadOnlyDictionary<string, string> props, int height, int width)
    {
        string Get(string key) => props.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidDataException($"Model '{path}' lacks metadata key '{key}' (see docs/model-format.md).");
        float[] Floats(string key)
        {
            var parts = Get(key).Split(',');
            var values = new float[parts.Length];
            if (parts.Length != 3 || parts.Where((p, i) => !float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any())
            {
                throw new InvalidDataException($"Model '{path}' metadata '{key}' must be three comma-separated numbers, got '{Get(key)}'.");
            }

            return values;
        }

        if (Get(ChannelOrderKey) != "RGB")
        {
            throw new InvalidDataException($"Model '{path}' metadata '{ChannelOrderKey}' is '{Get(ChannelOrderKey)}'; this tool reads RGB models only.");
        }

        if (!double.TryParse(Get(CropMarginKey), NumberStyles.Float, CultureInfo.InvariantCulture, out var margin) || margin is < 0 or > 1)
        {
            throw new InvalidDataException($"Model '{path}' metadata '{CropMarginKey}' must be a number 0-1, got '{Get(CropMarginKey)}'.");
        }

        var labels = Get(LabelsKey).Split(',');
        if (labels.Length is < 2 or > 3 || labels[0] != EdgeMask.Core.Faces.MaskLabels.WithMask)
        {
            throw new InvalidDataException($"Model '{path}' metadata '{LabelsKey}' must list 2 or 3 labels starting with with_mask, got '{Get(LabelsKey)}'.");
        }

        if (Get(OutputKey) != "probabilities")
        {
            throw new InvalidDataException($"Model '{path}' metadata '{OutputKey}' is '{Get(OutputKey)}'; this tool scores probability outputs.");
        }

        var colour = props.GetValueOrDefault(InputColourKey, "colour");
        if (colour is not ("colour" or "grey"))
        {
            throw new InvalidDataException($"Model '{path}' metadata '{InputColourKey}' must be 'colour' or 'grey', got '{colour}'.");
        }

        var contrast = props.GetValueOrDefault(InputContrastKey, "as_captured");
        if (contrast is not ("as_captured" or "standardised"))
        {
            throw new InvalidDataException($"Model '{path}' metadata '{InputContrastKey}' must be 'as_captured' or 'standardised', got '{contrast}'.");
        }

        return new ModelMetadata(labels, new InputSpec(width, height, Floats(MeanKey), Floats(StdKey), margin, colour == "grey", contrast == "standardised"),
            props.GetValueOrDefault(DatasetKey, ""), props.GetValueOrDefault(MetricsKey, "{}"), Get(QuantizationKey));
    }

    private static string Join(float[] values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
