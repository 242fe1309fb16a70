using EdgeMask.Training.Model;
using static TorchSharp.torch;

namespace EdgeMask.Training.Training;

/// <summary>
/// An exponential moving average of a network's weights and BatchNorm statistics, kept in a second network of the
/// same architecture. The average over the last few hundred steps generalises better than the last step's weights
/// on a small data set, so validation, early stopping and export use it.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly double _decay;
    private long _steps;

    public WeightAverage(MaskNet net, double decay)
    {
        if (decay is <= 0 or >= 1 || double.IsNaN(decay))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "--weight-average must be in (0, 1), or 0 to switch it off.");
        }

        _decay = decay;
        Net = new MaskNet(net.Architecture);
        Net.load_state_dict(net.state_dict());
        Net.eval();
    }

    /// <summary>The averaged network, in evaluation mode.</summary>
    public MaskNet Net { get; }

    /// <summary>Blends the live weights in after an optimiser step. Early on the average follows faster, so the random start fades out.</summary>
    public void Update(MaskNet live)
    {
        _steps++;
        var decay = Math.Min(_decay, (1.0 + _steps) / (10.0 + _steps));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = live.state_dict();
        foreach (var (name, average) in Net.state_dict())
        {
            var current = source[name];
            if (average.is_floating_point())
            {
                average.mul_(decay).add_(current.mul(1 - decay));
            }
            else
            {
                average.copy_(current);
            }
        }
    }

    public void Dispose() => Net.Dispose();
}
