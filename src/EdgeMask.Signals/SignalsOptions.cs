using System.ComponentModel.DataAnnotations;
using EdgeMask.Signals.Patterns;

namespace EdgeMask.Signals;

/// <summary>
/// The "Signals" configuration section: which GPIO lines drive the status LEDs and the buzzer, how they are reached,
/// and the pattern each violation shows. Pin numbers are line offsets on <see cref="GpioChip"/> (BCM numbers on a
/// Raspberry Pi with libgpiod); with the sysfs driver they are the kernel's global GPIO numbers.
/// </summary>
public sealed class SignalsOptions
{
    public const string SectionName = "Signals";

    /// <summary>Drive the outputs at all. Default true (simulated where the machine has no GPIO).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Auto, Libgpiod, Sysfs or Simulated. Default Auto.</summary>
    public GpioDriverKind Driver { get; set; } = GpioDriverKind.Auto;

    /// <summary>
    /// The /dev/gpiochipN holding the header pins: 0 on a Pi 1-4 and on a Pi 5 with kernel 6.6.45 or later; 4 on a
    /// Pi 5 with older kernels; board-specific on a Jetson (see README). Default 0, range 0-63.
    /// </summary>
    [Range(0, 63, ErrorMessage = "Signals:GpioChip must be 0-63")]
    public int GpioChip { get; set; }

    /// <summary>Every GPIO output is on when its line is low (wired to 3.3 V through the load). Default false.</summary>
    public bool ActiveLow { get; set; }

    /// <summary>Green LED line, lit while nothing is wrong. Default 17; empty for none. Range 0-4095.</summary>
    [Range(0, 4095, ErrorMessage = "Signals:GreenLedPin must be 0-4095")]
    public int? GreenLedPin { get; set; } = 17;

    /// <summary>Overrides <see cref="ActiveLow"/> for the green LED. Default: the global setting.</summary>
    public bool? GreenLedActiveLow { get; set; }

    /// <summary>Red LED line, showing the mask-violation pattern. Default 27; empty for none. Range 0-4095.</summary>
    [Range(0, 4095, ErrorMessage = "Signals:RedLedPin must be 0-4095")]
    public int? RedLedPin { get; set; } = 27;

    /// <summary>Overrides <see cref="ActiveLow"/> for the red LED. Default: the global setting.</summary>
    public bool? RedLedActiveLow { get; set; }

    /// <summary>
    /// Distance LED line, showing the distance-violation pattern. Default none: the red LED shows the distance
    /// pattern instead (the mask pattern wins while both violations are active). Range 0-4095.
    /// </summary>
    [Range(0, 4095, ErrorMessage = "Signals:DistanceLedPin must be 0-4095")]
    public int? DistanceLedPin { get; set; }

    /// <summary>Overrides <see cref="ActiveLow"/> for the distance LED. Default: the global setting.</summary>
    public bool? DistanceLedActiveLow { get; set; }

    /// <summary>None, Active (GPIO on/off) or Passive (PWM tone). Default Active.</summary>
    public BuzzerType BuzzerType { get; set; } = BuzzerType.Active;

    /// <summary>
    /// Active buzzer line (required for Active). For Passive, the GPIO the PWM channel is routed to (e.g. 18 for
    /// pwmchip0 channel 0 on a Pi with dtoverlay=pwm); optional and only checked against the LED pins. Default 22.
    /// </summary>
    [Range(0, 4095, ErrorMessage = "Signals:BuzzerPin must be 0-4095")]
    public int? BuzzerPin { get; set; } = 22;

    /// <summary>Overrides <see cref="ActiveLow"/> for an active buzzer. Default: the global setting.</summary>
    public bool? BuzzerActiveLow { get; set; }

    /// <summary>Passive buzzer: the /sys/class/pwm/pwmchipN. Default 0, range 0-63.</summary>
    [Range(0, 63, ErrorMessage = "Signals:PwmChip must be 0-63")]
    public int PwmChip { get; set; }

    /// <summary>Passive buzzer: the channel on <see cref="PwmChip"/>. Default 0, range 0-63.</summary>
    [Range(0, 63, ErrorMessage = "Signals:PwmChannel must be 0-63")]
    public int PwmChannel { get; set; }

    /// <summary>Passive buzzer tone. Default 2000 Hz (near a typical piezo's resonance), range 20-20000 Hz.</summary>
    [Range(20, 20000, ErrorMessage = "Signals:BuzzerFrequencyHz must be 20-20000 Hz")]
    public int BuzzerFrequencyHz { get; set; } = 2000;

    /// <summary>How often the pattern engine recomputes the outputs; pattern edges land within one tick. Default 20 ms, range 5 ms-1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:01", ErrorMessage = "Signals:TickInterval must be 00:00:00.005-00:00:01")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Patterns while a person without a mask is in view. Default: red steady; buzzer two short beeps every 3 s.</summary>
    public ViolationSignals MaskViolation { get; set; } = new()
    {
        Led = new SignalPattern { Mode = PatternMode.Steady },
        Buzzer = new SignalPattern { Mode = PatternMode.Beeps, Count = 2, OnTime = TimeSpan.FromMilliseconds(150), OffTime = TimeSpan.FromMilliseconds(150), RepeatEvery = TimeSpan.FromSeconds(3) },
    };

    /// <summary>Patterns while people stand too close. Default: LED blinking at 2 Hz; buzzer one long beep every 2 s.</summary>
    public ViolationSignals DistanceViolation { get; set; } = new()
    {
        Led = new SignalPattern { Mode = PatternMode.Blink, Period = TimeSpan.FromMilliseconds(500) },
        Buzzer = new SignalPattern { Mode = PatternMode.Beeps, Count = 1, OnTime = TimeSpan.FromMilliseconds(400), OffTime = TimeSpan.FromMilliseconds(100), RepeatEvery = TimeSpan.FromSeconds(2) },
    };

    /// <summary>Daily local-time window in which the buzzer is silent. Default none.</summary>
    public QuietHours QuietHours { get; set; } = new();

    internal bool ActiveLowFor(bool? overrideValue) => overrideValue ?? ActiveLow;
}
