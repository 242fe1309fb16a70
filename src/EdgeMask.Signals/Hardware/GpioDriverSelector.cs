using Microsoft.Extensions.Logging;

namespace EdgeMask.Signals.Hardware;

/// <summary>
/// Picks the GPIO driver: for Auto, libgpiod when /dev/gpiochipN exists and the library loads, else sysfs when
/// /sys/class/gpio exists, else simulated. A forced driver that cannot be opened falls back to simulated too:
/// missing GPIO never stops the daemon.
/// </summary>
internal sealed class GpioDriverSelector
{
    private readonly IGpioPlatform _platform;
    private readonly ILoggerFactory _loggers;

    public GpioDriverSelector(IGpioPlatform platform, ILoggerFactory loggers)
    {
        _platform = platform;
        _loggers = loggers;
    }

    public GpioDriverChoice Select(SignalsOptions options) => options.Driver switch
    {
        GpioDriverKind.Simulated => Simulated("simulated: configured", "Signals:Driver is Simulated"),
        GpioDriverKind.Libgpiod => TryLibgpiod(options.GpioChip, out var choice, out var why)
            ? choice
            : Simulated($"simulated: libgpiod chip {options.GpioChip} unavailable", $"Signals:Driver is Libgpiod but {why}"),
        GpioDriverKind.Sysfs => TrySysfs(out var choice, out var why)
            ? choice
            : Simulated("simulated: sysfs unavailable", $"Signals:Driver is Sysfs but {why}"),
        _ => SelectAutomatically(options.GpioChip),
    };

    private GpioDriverChoice SelectAutomatically(int chip)
    {
        var reasons = new List<string>();
        var chips = _platform.ListChips();
        if (chips.Contains(chip))
        {
            if (TryLibgpiod(chip, out var libgpiod, out var why))
            {
                return libgpiod with { Reason = $"/dev/gpiochip{chip} exists and libgpiod loaded" };
            }

            reasons.Add(why);
        }
        else
        {
            reasons.Add(chips.Count == 0
                ? $"/dev/gpiochip{chip} not found (no GPIO chips at all)"
                : $"/dev/gpiochip{chip} not found (present: {string.Join(", ", chips.Select(c => $"gpiochip{c}"))}; set Signals:GpioChip)");
        }

        if (_platform.HasSysfs)
        {
            if (TrySysfs(out var sysfs, out var why))
            {
                return sysfs with { Reason = $"{string.Join("; ", reasons)}; /sys/class/gpio exists" };
            }

            reasons.Add(why);
        }
        else
        {
            reasons.Add("/sys/class/gpio not found");
        }

        var summary = chips.Count == 0 && !_platform.HasSysfs ? "simulated: no GPIO chip found" : "simulated: no usable GPIO driver";
        return Simulated(summary, string.Join("; ", reasons));
    }

    private bool TryLibgpiod(int chip, out GpioDriverChoice choice, out string why)
    {
        try
        {
            var (driver, description) = _platform.OpenLibgpiod(chip);
            choice = new GpioDriverChoice(driver, description, $"libgpiod opened /dev/gpiochip{chip}", IsSimulated: false);
            why = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            choice = null!;
            why = $"libgpiod could not open /dev/gpiochip{chip} ({ex.Message})";
            return false;
        }
    }

    private bool TrySysfs(out GpioDriverChoice choice, out string why)
    {
        try
        {
            choice = new GpioDriverChoice(_platform.OpenSysfs(), "sysfs", "sysfs opened /sys/class/gpio", IsSimulated: false);
            why = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            choice = null!;
            why = $"sysfs unusable ({ex.Message})";
            return false;
        }
    }

    private GpioDriverChoice Simulated(string description, string reason) =>
        new(new SimulatedGpioDriver(_loggers.CreateLogger<SimulatedGpioDriver>()), description, reason, IsSimulated: true);
}
