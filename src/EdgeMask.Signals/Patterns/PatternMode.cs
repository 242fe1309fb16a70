namespace EdgeMask.Signals.Patterns;

public enum PatternMode
{
    /// <summary>Never on.</summary>
    Off,

    /// <summary>On for as long as the violation lasts.</summary>
    Steady,

    /// <summary>On for half of each Period, off for the other half.</summary>
    Blink,

    /// <summary>Count pulses of OnTime separated by OffTime; the group starts again every RepeatEvery.</summary>
    Beeps,
}
