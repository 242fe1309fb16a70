using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeMask.Training.Model;

/// <summary>The trainable network (TorchSharp). Outputs logits; softmax is added at export.</summary>
public sealed class MaskNet : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv2d> convs;
    private readonly ModuleList<BatchNorm2d> norms;
    private readonly Dropout dropout;
    private readonly Linear head;

    public MaskNet(MaskNetArchitecture architecture, double dropoutProbability = 0.2) : base(nameof(MaskNet))
    {
        Architecture = architecture;
        convs = new ModuleList<Conv2d>(architecture.Convs
            .Select(c => nn.Conv2d(c.InChannels, c.OutChannels, c.Kernel, stride: c.Stride, padding: c.Padding, groups: c.Groups, bias: false))
            .ToArray());
        norms = new ModuleList<BatchNorm2d>(architecture.Convs.Select(c => nn.BatchNorm2d(c.OutChannels)).ToArray());

        // BatchNorm counts its batches only to derive its averaging factor when momentum is 0; ours is 0.1, so the count
        // changes nothing. Its increment, num_batches_tracked.add_(1), passes temporary Scalars whose finalizers can
        // free them while libtorch still reads them: two training runs died in it after 120+ epochs ("Unknown scalar
        // type", "alpha must not be a floating point number"). Without the buffer BatchNorm skips the increment.
        foreach (var norm in norms)
        {
            norm.num_batches_tracked = null;
        }

        dropout = nn.Dropout(dropoutProbability);
        head = nn.Linear(architecture.Features, architecture.Classes);
        RegisterComponents();
    }

    public MaskNetArchitecture Architecture { get; }

    public IReadOnlyList<Conv2d> Convs => [.. convs];

    public IReadOnlyList<BatchNorm2d> Norms => [.. norms];

    public Linear Head => head;

    /// <summary>The feature layers (everything before the head), for fine-tuning with a frozen backbone.</summary>
    public IEnumerable<Parameter> FeatureParameters() => convs.parameters().Concat(norms.parameters());

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (var i = 0; i < convs.Count; i++)
        {
            x = nn.functional.relu(norms[i].call(convs[i].call(x)));
        }

        x = nn.functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1);
        return head.call(dropout.call(x)).MoveToOuterDisposeScope();
    }
}
