namespace EdgeMask.Signals;

/// <summary>How the GPIO lines are reached.</summary>
public enum GpioDriverKind
{
    /// <summary>libgpiod when /dev/gpiochipN exists and the library loads, else sysfs, else simulated.</summary>
    Auto,

    /// <summary>The GPIO character device through libgpiod (v1, then v2); simulated when it cannot be opened.</summary>
    Libgpiod,

    /// <summary>The legacy /sys/class/gpio interface (global line numbers); simulated when it is missing.</summary>
    Sysfs,

    /// <summary>Pin states kept in memory and logged at Debug: for machines without GPIO.</summary>
    Simulated,
}
