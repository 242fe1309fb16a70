namespace EdgeMask.Signals.Hardware;

/// <summary>The outputs Signals can drive, in the order <see cref="OutputTester"/> cycles them.</summary>
public enum SignalOutputKind
{
    GreenLed,
    RedLed,
    DistanceLed,
    Buzzer,
}
