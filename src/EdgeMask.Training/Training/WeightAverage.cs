using EdgeMask.Training.Model;
using TorchSharp;
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
    private readonly (Tensor Average, Tensor Live)[] _pairs;
    private long _steps;

    /// <param name="live">The network being trained; <see cref="Update"/> blends its current values in.</param>
    public WeightAverage(MaskNet live, double decay)
    {
        if (decay is <= 0 or >= 1 || double.IsNaN(decay))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "--weight-average must be in (0, 1), or 0 to switch it off.");
        }

        _decay = decay;
        Net = new MaskNet(live.Architecture);
        var liveState = live.state_dict();
        Net.load_state_dict(liveState);
        Net.eval();

        // state_dict hands out the modules' own tensors, so the pairs stay valid as training updates them in place.
        _pairs = [.. Net.state_dict().Select(kv => (kv.Value, liveState[kv.Key]))];
    }

    /// <summary>The averaged network, in evaluation mode.</summary>
    public MaskNet Net { get; }

    /// <summary>Blends the live weights in after an optimiser step. Early on the average follows faster, so the random start fades out.</summary>
    public void Update()
    {
        _steps++;
        var decay = Math.Min(_decay, (1.0 + _steps) / (10.0 + _steps));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // Explicit Scalars, held until the loop is done: a temporary one can be finalized while libtorch reads it.
        using var keep = decay.ToScalar();
        using var blend = (1 - decay).ToScalar();
        foreach (var (average, live) in _pairs)
        {
            if (average.is_floating_point())
            {
                average.mul_(keep).add_(live.mul(blend));
            }
            else
            {
                average.copy_(live);
            }
        }
    }

    public void Dispose() => Net.Dispose();
}
