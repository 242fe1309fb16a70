namespace EdgeMask.Training.Model;

/// <summary>A convolution with BatchNorm folded in: weights [out, in/groups, k, k] and a bias per output channel; ReLU follows.</summary>
public sealed record FoldedConv(ConvSpec Spec, float[] Weight, float[] Bias);

/// <summary>
/// The inference form of <see cref="MaskNet"/>: BatchNorm folded into each conv, ReLU after each conv, global
/// average pooling, then the head (weight [classes, features] row-major, bias [classes]). Both ONNX writers and the
/// fine-tune loader work on this form.
/// </summary>
public sealed record FoldedNetwork(IReadOnlyList<FoldedConv> Convs, float[] HeadWeight, float[] HeadBias, int Classes)
{
    public int Features => Convs[^1].Spec.OutChannels;

    public MaskNetArchitecture Architecture => new(Convs.Select(c => c.Spec).ToList(), Classes);
}
