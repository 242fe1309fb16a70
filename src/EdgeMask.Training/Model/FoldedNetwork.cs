namespace EdgeMask.Training.Model;

/// <summary>A convolution with BatchNorm folded in: weights [out, in/groups, k, k] and a bias per output channel; ReLU follows.</summary>
public sealed record FoldedConv(ConvSpec Spec, float[] Weight, float[] Bias);

/// <summary>
/// The inference form of <see cref="MaskNet"/>: BatchNorm folded into each conv, ReLU after each conv, global
/// average pooling, then the head (weight [logits, features] row-major, bias [logits]). Both ONNX writers and the
/// fine-tune loader work on this form. With <see cref="Members"/> above 1 it is several networks side by side (see
/// <see cref="NetworkMerge"/>): every conv holds each member's channels in separate groups, the head gives
/// <see cref="Members"/> x <see cref="Classes"/> logits, and the model averages the members' softmax outputs.
/// </summary>
public sealed record FoldedNetwork(IReadOnlyList<FoldedConv> Convs, float[] HeadWeight, float[] HeadBias, int Classes, int Members = 1)
{
    public int Features => Convs[^1].Spec.OutChannels;

    public int Logits => Classes * Members;

    /// <summary>What a model file's description adds for a merged network ("" for one network).</summary>
    public string MembersNote => Members == 1 ? "" : $", {Members} networks averaged";

    public MaskNetArchitecture Architecture => Members == 1
        ? new(Convs.Select(c => c.Spec).ToList(), Classes)
        : throw new InvalidOperationException($"This network merges {Members} networks; split it (NetworkMerge.Split) to get one trainable architecture.");
}
