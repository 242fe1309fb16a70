using System.Device.Gpio;
using System.Device.Pwm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Signals.Hardware;

/// <summary>
/// The configured LEDs and buzzer, opened as outputs that start off. Follows the dotnet/iot ownership rule: a
/// <see cref="GpioController"/> or <see cref="PwmChannel"/> passed in is disposed with this object only when
/// <c>shouldDispose</c> is true; ones created here are always disposed. Not thread-safe: one caller at a time
/// (the <see cref="SignalController"/> pattern engine, or <see cref="OutputTester"/>).
/// </summary>
public sealed class SignalOutputs : IDisposable
{
    private readonly Dictionary<SignalOutputKind, SignalOutput> _outputs;
    private readonly GpioController? _controller;
    private readonly bool _shouldDispose;
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>Opens the outputs on the platform's default GPIO driver and, for a passive buzzer, the configured PWM channel.</summary>
    public SignalOutputs(SignalsOptions options)
        : this(options, new GpioController(), shouldDispose: true)
    {
    }

    /// <summary>Opens the outputs on <paramref name="gpioController"/>; a passive buzzer gets the configured PWM channel.</summary>
    public SignalOutputs(SignalsOptions options, GpioController gpioController, bool shouldDispose = true)
        : this(options, gpioController, buzzerPwm: null, shouldDispose)
    {
    }

    /// <summary>Opens the outputs on <paramref name="gpioController"/>, and a passive buzzer on <paramref name="buzzerPwm"/> (created from the options when null).</summary>
    /// <exception cref="SignalPinException">A line does not exist, is busy, or the PWM channel cannot be opened; nothing stays open.</exception>
    public SignalOutputs(SignalsOptions options, GpioController gpioController, PwmChannel? buzzerPwm, bool shouldDispose = true, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gpioController);
        _controller = gpioController;
        _shouldDispose = shouldDispose;
        _logger = logger ?? NullLogger.Instance;
        _outputs = [];
        try
        {
            OpenAll(options, gpioController, buzzerPwm, shouldDispose);
        }
        catch
        {
            if (shouldDispose && buzzerPwm is not null && !Has(SignalOutputKind.Buzzer))
            {
                buzzerPwm.Dispose();
            }

            Dispose();
            throw;
        }
    }

    private SignalOutputs(string driverDescription)
    {
        _outputs = [];
        _logger = NullLogger.Instance;
        DriverDescription = driverDescription;
    }

    /// <summary>What drives the lines, e.g. "libgpiod chip 0" or "simulated: no GPIO chip found".</summary>
    public string DriverDescription { get; internal set; } = "caller-supplied GpioController";

    /// <summary>True when no physical line moves (simulated driver or signals disabled).</summary>
    public bool IsSimulated { get; internal set; }

    /// <summary>The configured outputs in test order: green, red, distance, buzzer.</summary>
    public IReadOnlyList<SignalOutputKind> Configured => [.. _outputs.Keys.Order()];

    internal IEnumerable<SignalOutput> All => _outputs.Values.OrderBy(o => o.Kind);

    public bool Has(SignalOutputKind kind) => _outputs.ContainsKey(kind);

    public bool IsOn(SignalOutputKind kind) => _outputs.TryGetValue(kind, out var output) && output.IsOn;

    /// <summary>Switches <paramref name="kind"/>; does nothing when that output is not configured. Writes only on change.</summary>
    public void Set(SignalOutputKind kind, bool on)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_outputs.TryGetValue(kind, out var output))
        {
            output.Set(on);
        }
    }

    /// <summary>"Signals:RedLedPin (GPIO 27)", for logs and the gpio-test command.</summary>
    public string Describe(SignalOutputKind kind) => _outputs.TryGetValue(kind, out var output) ? output.ToString() : $"{kind} (not configured)";

    /// <summary>The safe state: every output written off, whatever it was believed to be. Never throws; failures are logged.</summary>
    public void SetAllOff()
    {
        if (_disposed)
        {
            return;
        }

        foreach (var output in All)
        {
            try
            {
                output.ForceOff();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Could not switch {Output} off", output);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        SetAllOff();
        _disposed = true;
        foreach (var output in _outputs.Values)
        {
            try
            {
                output.Dispose();
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not release {Output}", output);
            }
        }

        if (_shouldDispose)
        {
            _controller?.Dispose();
        }
    }

    /// <summary>No outputs at all: signals disabled in configuration.</summary>
    internal static SignalOutputs None(string description) => new(description) { IsSimulated = true };

    private void OpenAll(SignalsOptions options, GpioController controller, PwmChannel? buzzerPwm, bool shouldDispose)
    {
        const string Section = SignalsOptions.SectionName;
        if (options.GreenLedPin is { } green)
        {
            Add(GpioSignalOutput.Open(SignalOutputKind.GreenLed, $"{Section}:GreenLedPin", controller, green, options.ActiveLowFor(options.GreenLedActiveLow)));
        }

        if (options.RedLedPin is { } red)
        {
            Add(GpioSignalOutput.Open(SignalOutputKind.RedLed, $"{Section}:RedLedPin", controller, red, options.ActiveLowFor(options.RedLedActiveLow)));
        }

        if (options.DistanceLedPin is { } distance)
        {
            Add(GpioSignalOutput.Open(SignalOutputKind.DistanceLed, $"{Section}:DistanceLedPin", controller, distance, options.ActiveLowFor(options.DistanceLedActiveLow)));
        }

        switch (options.BuzzerType)
        {
            case BuzzerType.Active when options.BuzzerPin is { } buzzer:
                Add(GpioSignalOutput.Open(SignalOutputKind.Buzzer, $"{Section}:BuzzerPin", controller, buzzer, options.ActiveLowFor(options.BuzzerActiveLow)));
                break;
            case BuzzerType.Passive:
                var ownsChannel = buzzerPwm is null || shouldDispose;
                var channel = buzzerPwm ?? OpenPwm(options);
                Add(new PwmBuzzerOutput($"{Section}:PwmChannel", $"pwmchip{options.PwmChip} channel {options.PwmChannel}", channel, options.BuzzerFrequencyHz, ownsChannel));
                break;
        }

        // Opening with the off level is glitch-free where the driver supports it; write it again so every line is known off.
        SetAllOff();
    }

    private static PwmChannel OpenPwm(SignalsOptions options)
    {
        try
        {
            return PwmChannel.Create(options.PwmChip, options.PwmChannel, options.BuzzerFrequencyHz, 0.5);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new SignalPinException(
                $"{SignalsOptions.SectionName}:PwmChannel",
                options.PwmChannel,
                $"{SignalsOptions.SectionName}:PwmChip {options.PwmChip} / {SignalsOptions.SectionName}:PwmChannel {options.PwmChannel} could not be opened for the passive buzzer (is the PWM overlay enabled, e.g. dtoverlay=pwm?): {ex.GetType().Name}: {ex.Message}",
                ex);
        }
    }

    private void Add(SignalOutput output) => _outputs.Add(output.Kind, output);
}
