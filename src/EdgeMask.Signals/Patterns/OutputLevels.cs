namespace EdgeMask.Signals.Patterns;

/// <summary>What each output should show at one instant.</summary>
internal readonly record struct OutputLevels(bool GreenLed, bool RedLed, bool DistanceLed, bool Buzzer)
{
    public static OutputLevels AllOff { get; } = new(false, false, false, false);
}
