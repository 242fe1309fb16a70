namespace EdgeMask.Signals.Hardware;

/// <summary>A configured output could not be opened: a line that does not exist, a busy line, or a missing PWM channel.</summary>
public sealed class SignalPinException : Exception
{
    public SignalPinException(string configKey, int pin, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ConfigKey = configKey;
        Pin = pin;
    }

    public SignalPinException()
        : this("(unknown)", -1, "A signal output could not be opened.")
    {
    }

    public SignalPinException(string message)
        : this("(unknown)", -1, message)
    {
    }

    public SignalPinException(string message, Exception innerException)
        : this("(unknown)", -1, message, innerException)
    {
    }

    /// <summary>The configuration key of the failing output, e.g. "Signals:RedLedPin".</summary>
    public string ConfigKey { get; }

    /// <summary>The line (or PWM channel) number that failed.</summary>
    public int Pin { get; }
}
