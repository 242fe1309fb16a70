namespace EdgeMask.Core.Health;

/// <summary>Counts events per second over a sliding window of whole seconds. Thread-safe.</summary>
public sealed class RateMeter
{
    private readonly TimeProvider _time;
    private readonly long[] _buckets;
    private readonly long[] _bucketSecond;
    private readonly Lock _lock = new();

    public RateMeter(TimeProvider time, int windowSeconds = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        _time = time;
        _buckets = new long[windowSeconds + 1];
        _bucketSecond = new long[windowSeconds + 1];
    }

    public void Mark()
    {
        var second = CurrentSecond();
        lock (_lock)
        {
            var index = (int)(second % _buckets.Length);
            if (_bucketSecond[index] != second)
            {
                _bucketSecond[index] = second;
                _buckets[index] = 0;
            }

            _buckets[index]++;
        }
    }

    /// <summary>Events per second over the last complete seconds of the window.</summary>
    public double PerSecond()
    {
        var now = CurrentSecond();
        var window = _buckets.Length - 1;
        long total = 0;
        lock (_lock)
        {
            for (var i = 0; i < _buckets.Length; i++)
            {
                var age = now - _bucketSecond[i];
                if (age >= 1 && age <= window)
                {
                    total += _buckets[i];
                }
            }
        }

        return (double)total / window;
    }

    private long CurrentSecond() => _time.GetUtcNow().ToUnixTimeSeconds();
}
