using System.Device.Gpio;

namespace EdgeMask.Signals.Tests.Fakes;

/// <summary>One level written to a line, and when (on the test's fake clock).</summary>
public sealed record PinWrite(int Pin, PinValue Value, DateTimeOffset At)
{
    public bool IsHigh => Value == PinValue.High;
}
