namespace EdgeMask.Capture;

/// <summary>
/// Delay before reopen attempt n: the initial delay doubled per failed attempt, spread by ±20 % jitter so
/// several daemons behind one switch do not hammer a camera in step, and never above the maximum.
/// </summary>
internal sealed class ReconnectBackoff
{
    private const double JitterFraction = 0.2;
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        _initial = initial;
        _max = max < initial ? initial : max;
        _random = random ?? Random.Shared;
    }

    /// <param name="attempt">1 for the first retry after a failure.</param>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doublings = Math.Min(attempt - 1, 30);
        var exponential = Math.Min(_initial.Ticks * Math.Pow(2, doublings), _max.Ticks);
        var jitter = 1 + (((_random.NextDouble() * 2) - 1) * JitterFraction);
        return TimeSpan.FromTicks((long)Math.Min(exponential * jitter, _max.Ticks));
    }
}
