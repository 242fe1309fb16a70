using System.Device.Gpio;
using System.Device.Pwm;
using EdgeMask.Signals.Hardware;

namespace EdgeMask.Signals.Tests.Fakes;

/// <summary>A machine with whatever GPIO the test says: chips present, sysfs present, libgpiod loading or not.</summary>
internal sealed class FakeGpioPlatform : IGpioPlatform
{
    public List<int> Chips { get; } = [];

    public bool HasSysfs { get; set; }

    /// <summary>What opening libgpiod returns; null makes it fail like a missing libgpiod.so.</summary>
    public Func<int, GpioDriver>? Libgpiod { get; set; }

    public Func<GpioDriver>? Sysfs { get; set; }

    public Func<PwmChannel>? Pwm { get; set; }

    public List<string> Opened { get; } = [];

    public IReadOnlyList<int> ListChips() => Chips;

    public (GpioDriver Driver, string Description) OpenLibgpiod(int chip)
    {
        Opened.Add($"libgpiod {chip}");
        return Libgpiod is { } open
            ? (open(chip), $"libgpiod chip {chip}")
            : throw new PlatformNotSupportedException("Libgpiod driver not installed.");
    }

    public GpioDriver OpenSysfs()
    {
        Opened.Add("sysfs");
        return Sysfs is { } open ? open() : throw new DirectoryNotFoundException("Could not find a part of the path '/sys/class/gpio'.");
    }

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) =>
        Pwm is { } open ? open() : throw new ArgumentException($"The chip number {chip} is invalid or is not enabled.");
}
