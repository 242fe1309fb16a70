namespace EdgeMask.Classification;

/// <summary>The metadata keys and values of the classifier model contract (docs/model-format.md); the trainer writes them.</summary>
public static class MaskModelMetadata
{
    public const string Labels = "edgemask.labels";
    public const string ChannelOrder = "edgemask.channel_order";
    public const string Mean = "edgemask.mean";
    public const string Std = "edgemask.std";
    public const string Output = "edgemask.output";
    public const string CropMargin = "edgemask.crop_margin";
    public const string DatasetSha256 = "edgemask.dataset_sha256";
    public const string Metrics = "edgemask.metrics";
    public const string Quantization = "edgemask.quantization";
    public const string InputColour = "edgemask.input_colour";
    public const string InputContrast = "edgemask.input_contrast";

    public const string OutputProbabilities = "probabilities";
    public const string OutputLogits = "logits";

    /// <summary>Keys the daemon cannot run without.</summary>
    public static IReadOnlyList<string> Required { get; } = [Labels, ChannelOrder, Mean, Std, Output];
}
