using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.Pwm;
using System.Globalization;

namespace EdgeMask.Signals.Hardware;

/// <summary>The real machine: /dev/gpiochipN, /sys/class/gpio, libgpiod v1 or v2, and /sys/class/pwm.</summary>
internal sealed class LinuxGpioPlatform : IGpioPlatform
{
    public bool HasSysfs => Directory.Exists("/sys/class/gpio");

    public IReadOnlyList<int> ListChips()
    {
        if (!Directory.Exists("/dev"))
        {
            return [];
        }

        return [.. Directory.EnumerateFileSystemEntries("/dev", "gpiochip*")
            .Select(path => Path.GetFileName(path)["gpiochip".Length..])
            .Select(number => int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order()];
    }

    public (GpioDriver Driver, string Description) OpenLibgpiod(int chip)
    {
        // Raspberry Pi OS Bookworm ships libgpiod 1.6 (libgpiod.so.2); newer distributions ship libgpiod 2 (libgpiod.so.3).
        try
        {
            return (new LibGpiodDriver(chip), $"libgpiod chip {chip}");
        }
        catch (Exception v1) when (v1 is not OutOfMemoryException)
        {
            try
            {
                return (new LibGpiodV2Driver(chip), $"libgpiod v2 chip {chip}");
            }
            catch (Exception v2) when (v2 is not OutOfMemoryException)
            {
                throw new IOException($"libgpiod v1: {v1.Message}; libgpiod v2: {v2.Message}", v2);
            }
        }
    }

    public GpioDriver OpenSysfs() => new SysFsDriver();

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => PwmChannel.Create(chip, channel, frequencyHz, 0.5);
}
