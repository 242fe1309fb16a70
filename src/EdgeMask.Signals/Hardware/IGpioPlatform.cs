using System.Device.Gpio;
using System.Device.Pwm;

namespace EdgeMask.Signals.Hardware;

/// <summary>What the machine offers for GPIO and PWM; the seam that lets driver selection be tested without hardware.</summary>
internal interface IGpioPlatform
{
    /// <summary>Numbers N of the /dev/gpiochipN character devices present.</summary>
    IReadOnlyList<int> ListChips();

    /// <summary>Whether the legacy /sys/class/gpio interface exists.</summary>
    bool HasSysfs { get; }

    /// <summary>Opens <paramref name="chip"/> through libgpiod; throws when the library or the chip is missing.</summary>
    (GpioDriver Driver, string Description) OpenLibgpiod(int chip);

    /// <summary>Opens the sysfs driver; throws when it is unusable.</summary>
    GpioDriver OpenSysfs();

    /// <summary>Opens a hardware PWM channel; throws when it is missing.</summary>
    PwmChannel OpenPwm(int chip, int channel, int frequencyHz);
}
