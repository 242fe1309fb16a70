namespace EdgeMask.Mqtt.Connection;

/// <summary>
/// Exponential reconnect delays from a minimum to a maximum, with ±20 % jitter so that a fleet does not reconnect
/// in lock-step after a broker restart.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _attempt;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
    {
        if (min <= TimeSpan.Zero || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Need 0 < min ({min}) <= max ({max}).");
        }

        _min = min;
        _max = max;
        _random = random ?? Random.Shared;
    }

    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(_attempt, 30);
        _attempt++;
        var baseDelay = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = baseDelay * (0.8 + (0.4 * _random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, _min.TotalMilliseconds, _max.TotalMilliseconds));
    }

    public void Reset() => _attempt = 0;
}
