using System.Device.Gpio;

namespace EdgeMask.Signals.Hardware;

/// <summary>The driver chosen for the signal lines and, in words, what it is and why.</summary>
/// <param name="Description">Short, for health: "libgpiod chip 0", "sysfs", "simulated: no GPIO chip found".</param>
/// <param name="Reason">Longer, for the log line: what was probed and what failed.</param>
internal sealed record GpioDriverChoice(GpioDriver Driver, string Description, string Reason, bool IsSimulated);
