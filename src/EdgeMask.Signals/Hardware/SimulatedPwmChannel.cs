using System.Device.Pwm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Signals.Hardware;

/// <summary>A PWM channel kept in memory for machines without one; changes are logged at Debug.</summary>
public sealed class SimulatedPwmChannel : PwmChannel
{
    private readonly ILogger _logger;
    private int _frequency;
    private double _dutyCycle;

    public SimulatedPwmChannel(int frequency = 400, double dutyCycle = 0.5, ILogger? logger = null)
    {
        _frequency = frequency;
        _dutyCycle = dutyCycle;
        _logger = logger ?? NullLogger.Instance;
    }

    public bool IsRunning { get; private set; }

    public override int Frequency
    {
        get => _frequency;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _frequency = value;
        }
    }

    public override double DutyCycle
    {
        get => _dutyCycle;
        set
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Duty cycle must be in [0, 1].");
            }

            _dutyCycle = value;
        }
    }

    public override void Start()
    {
        if (!IsRunning)
        {
            _logger.LogDebug("Simulated PWM started at {Frequency} Hz, duty cycle {DutyCycle:P0}", _frequency, _dutyCycle);
        }

        IsRunning = true;
    }

    public override void Stop()
    {
        if (IsRunning)
        {
            _logger.LogDebug("Simulated PWM stopped");
        }

        IsRunning = false;
    }
}
