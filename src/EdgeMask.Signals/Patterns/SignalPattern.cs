using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Signals.Patterns;

/// <summary>
/// How one output shows an active violation, e.g. <c>{ "Mode": "Beeps", "Count": 2 }</c>. Time runs from the moment
/// the violation started, so a beep pattern always opens with a beep.
/// </summary>
public sealed class SignalPattern
{
    /// <summary>Off, Steady, Blink or Beeps. Default Steady.</summary>
    public PatternMode Mode { get; set; } = PatternMode.Steady;

    /// <summary>Blink: one full on+off cycle. Default 500 ms, range 20 ms-10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.02", "00:00:10", ErrorMessage = "{0} must be 00:00:00.02-00:00:10")]
    public TimeSpan Period { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Beeps: pulses per group. Default 2, range 1-20.</summary>
    [Range(1, 20, ErrorMessage = "{0} must be 1-20 pulses")]
    public int Count { get; set; } = 2;

    /// <summary>Beeps: length of each pulse. Default 150 ms, range 10 ms-5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:00:05", ErrorMessage = "{0} must be 00:00:00.01-00:00:05")]
    public TimeSpan OnTime { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Beeps: silence after each pulse. Default 150 ms, range 10 ms-5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:00:05", ErrorMessage = "{0} must be 00:00:00.01-00:00:05")]
    public TimeSpan OffTime { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Beeps: the group starts again this long after the previous one started; zero plays it once per violation.
    /// Default 3 s, range 0 or Count x (OnTime + OffTime) up to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "{0} must be 00:00:00-00:10:00")]
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The length of one group of beeps.</summary>
    internal TimeSpan GroupLength => Count * (OnTime + OffTime);

    /// <summary>Whether the output is on <paramref name="sinceStart"/> after the violation began.</summary>
    public bool IsOnAt(TimeSpan sinceStart)
    {
        if (sinceStart < TimeSpan.Zero)
        {
            return false;
        }

        return Mode switch
        {
            PatternMode.Steady => true,
            PatternMode.Blink => sinceStart.Ticks % Period.Ticks < Period.Ticks / 2,
            PatternMode.Beeps => IsBeepOn(sinceStart),
            _ => false,
        };
    }

    private bool IsBeepOn(TimeSpan sinceStart)
    {
        var inGroup = RepeatEvery > TimeSpan.Zero ? sinceStart.Ticks % RepeatEvery.Ticks : sinceStart.Ticks;
        if (inGroup >= GroupLength.Ticks)
        {
            return false;
        }

        return inGroup % (OnTime + OffTime).Ticks < OnTime.Ticks;
    }
}
