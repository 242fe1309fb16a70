using System.Device.Gpio;
using System.Device.Pwm;
using EdgeMask.Core.Health;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Signals.Hardware;

/// <summary>
/// Builds the daemon's <see cref="SignalOutputs"/>: selects the driver, opens the pins, logs one line saying what was
/// chosen and why, and reports it as the "signals" health component. A pin that cannot be opened (wrong number,
/// busy line) is logged as an error naming the pin and its key, and all outputs fall back to simulated so the
/// daemon keeps detecting and publishing; health then starts with "simulated:" and names the failure.
/// </summary>
internal sealed class SignalOutputsFactory
{
    public const string HealthComponent = "signals";

    private readonly IGpioPlatform _platform;
    private readonly PipelineHealth _health;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    public SignalOutputsFactory(IGpioPlatform platform, PipelineHealth health, ILoggerFactory loggers)
    {
        _platform = platform;
        _health = health;
        _loggers = loggers;
        _logger = loggers.CreateLogger<SignalOutputsFactory>();
    }

    public SignalOutputs Create(SignalsOptions options)
    {
        if (!options.Enabled)
        {
            _logger.LogInformation("Signals disabled (Signals:Enabled is false): no LEDs or buzzer are driven");
            return Report(SignalOutputs.None("disabled"));
        }

        var choice = new GpioDriverSelector(_platform, _loggers).Select(options);
        var (pwm, pwmNote) = OpenBuzzerPwm(options);
        var outputsLogger = _loggers.CreateLogger<SignalOutputs>();
        try
        {
            var outputs = new SignalOutputs(options, new GpioController(choice.Driver), pwm, shouldDispose: true, outputsLogger)
            {
                DriverDescription = choice.Description + pwmNote,
                IsSimulated = choice.IsSimulated,
            };
            LogChoice(choice, outputs);
            return Report(outputs);
        }
        catch (SignalPinException ex) when (!choice.IsSimulated)
        {
            _logger.LogError(ex, "Signals: {Key} (pin {Pin}) failed on {Driver}: {Message}. All signal outputs are simulated until the configuration or wiring is fixed", ex.ConfigKey, ex.Pin, choice.Description, ex.Message);
            var fallback = new SimulatedGpioDriver(_loggers.CreateLogger<SimulatedGpioDriver>());
            var outputs = new SignalOutputs(options, new GpioController(fallback), pwm is null ? null : SimulatedPwm(options), shouldDispose: true, outputsLogger)
            {
                DriverDescription = $"simulated: {ex.ConfigKey} (GPIO {ex.Pin}) failed on {choice.Description}",
                IsSimulated = true,
            };
            return Report(outputs);
        }
    }

    private (PwmChannel? Channel, string Note) OpenBuzzerPwm(SignalsOptions options)
    {
        if (options.BuzzerType != BuzzerType.Passive)
        {
            return (null, string.Empty);
        }

        if (options.Driver == GpioDriverKind.Simulated)
        {
            return (SimulatedPwm(options), string.Empty);
        }

        try
        {
            return (_platform.OpenPwm(options.PwmChip, options.PwmChannel, options.BuzzerFrequencyHz), string.Empty);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Signals:PwmChip {Chip} / Signals:PwmChannel {Channel} could not be opened for the passive buzzer (is the PWM overlay enabled, e.g. dtoverlay=pwm?); the buzzer is simulated", options.PwmChip, options.PwmChannel);
            return (SimulatedPwm(options), $"; buzzer PWM simulated (pwmchip{options.PwmChip} channel {options.PwmChannel} unavailable)");
        }
    }

    private SimulatedPwmChannel SimulatedPwm(SignalsOptions options) =>
        new(options.BuzzerFrequencyHz, 0.5, _loggers.CreateLogger<SimulatedPwmChannel>());

    private void LogChoice(GpioDriverChoice choice, SignalOutputs outputs)
    {
        var wired = string.Join(", ", outputs.Configured.Select(outputs.Describe));
        if (choice.IsSimulated)
        {
            _logger.LogWarning("Signals driver: {Driver} because {Reason}; outputs kept in memory: {Outputs}", choice.Description, choice.Reason, wired);
        }
        else
        {
            _logger.LogInformation("Signals driver: {Driver} because {Reason}; outputs: {Outputs}", choice.Description, choice.Reason, wired);
        }
    }

    private SignalOutputs Report(SignalOutputs outputs)
    {
        _health.SetComponent(HealthComponent, outputs.DriverDescription);
        return outputs;
    }
}
