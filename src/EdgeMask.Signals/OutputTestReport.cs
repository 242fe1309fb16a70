namespace EdgeMask.Signals;

/// <summary>What `edgemask gpio-test` did.</summary>
/// <param name="Driver">What drives the lines, e.g. "libgpiod chip 0" or "simulated: no GPIO chip found".</param>
/// <param name="Simulated">True when no physical line moved; the command should say so (and may exit non-zero).</param>
/// <param name="OutputsCycled">Each output switched on and off, in order, e.g. "Signals:RedLedPin (GPIO 27)".</param>
public sealed record OutputTestReport(string Driver, bool Simulated, IReadOnlyList<string> OutputsCycled);
