using System.Collections.Concurrent;
using System.Device.Pwm;

namespace EdgeMask.Signals.Tests.Fakes;

/// <summary>A PWM channel that records every start and stop with the frequency and a timestamp from the test's clock.</summary>
public sealed class FakePwmChannel : PwmChannel
{
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<PwmEvent> _events = new();

    public FakePwmChannel(TimeProvider time)
    {
        _time = time;
    }

    public override int Frequency { get; set; } = 400;

    public override double DutyCycle { get; set; }

    public bool IsRunning { get; private set; }

    public bool IsDisposed { get; private set; }

    public IReadOnlyList<PwmEvent> Events => [.. _events];

    /// <summary>Starts and stops that changed whether the tone plays.</summary>
    public IReadOnlyList<PwmEvent> Changes()
    {
        var changes = new List<PwmEvent>();
        foreach (var e in _events)
        {
            if (changes.Count == 0 ? e.Running : changes[^1].Running != e.Running)
            {
                changes.Add(e);
            }
        }

        return changes;
    }

    public override void Start()
    {
        IsRunning = true;
        _events.Enqueue(new PwmEvent(true, Frequency, DutyCycle, _time.GetUtcNow()));
    }

    public override void Stop()
    {
        IsRunning = false;
        _events.Enqueue(new PwmEvent(false, Frequency, DutyCycle, _time.GetUtcNow()));
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}

public sealed record PwmEvent(bool Running, int FrequencyHz, double DutyCycle, DateTimeOffset At);
