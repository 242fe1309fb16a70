using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Capture.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every one-shot delay requested from it (Task.Delay with this
/// provider), so a test can wait for "the code under test now waits N" and then advance exactly that far.
/// </summary>
public sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _delays = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
        {
            _delays.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The next delay the code under test asks for; fails the test after 10 s of real time.</summary>
    public async Task<TimeSpan> NextDelayAsync() =>
        await _delays.Reader.ReadAsync().AsTask().WaitAsync(Waits.Timeout);

    /// <summary>True when no delay was requested since the last one read.</summary>
    public bool HasNoPendingDelay => !_delays.Reader.TryPeek(out _);
}
