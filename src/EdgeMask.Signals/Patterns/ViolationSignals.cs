namespace EdgeMask.Signals.Patterns;

/// <summary>The LED and buzzer patterns for one kind of violation.</summary>
public sealed class ViolationSignals
{
    /// <summary>Pattern of the violation's LED (red for a mask violation; the distance LED, or red without one).</summary>
    public SignalPattern Led { get; set; } = new();

    /// <summary>Pattern of the buzzer while this violation is active.</summary>
    public SignalPattern Buzzer { get; set; } = new() { Mode = PatternMode.Beeps };
}
