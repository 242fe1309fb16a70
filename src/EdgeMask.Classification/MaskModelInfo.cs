using EdgeMask.Core.Faces;

namespace EdgeMask.Classification;

/// <summary>A classifier model's contract, read from its input shape and metadata (see docs/model-format.md).</summary>
public sealed record MaskModelInfo(
    string Path,
    int InputWidth,
    int InputHeight,
    ChannelOrder ChannelOrder,
    float[] Mean,
    float[] Std,
    IReadOnlyList<MaskStatus> Classes,
    IReadOnlyList<string> Labels,
    bool OutputsProbabilities,
    double? TrainedCropMargin,
    IReadOnlyDictionary<string, string> Metadata,
    InputColour InputColour = InputColour.Colour,
    InputContrast InputContrast = InputContrast.AsCaptured);

public enum ChannelOrder
{
    Rgb,
    Bgr,
}
