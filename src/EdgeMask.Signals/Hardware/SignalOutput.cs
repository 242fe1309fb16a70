namespace EdgeMask.Signals.Hardware;

/// <summary>One on/off output; remembers its level so unchanged levels are not written again.</summary>
internal abstract class SignalOutput : IDisposable
{
    private bool _written;

    protected SignalOutput(SignalOutputKind kind, string configKey, string description)
    {
        Kind = kind;
        ConfigKey = configKey;
        Description = description;
    }

    public SignalOutputKind Kind { get; }

    /// <summary>The configuration key that chose this output, e.g. "Signals:RedLedPin".</summary>
    public string ConfigKey { get; }

    /// <summary>Where it is wired, e.g. "GPIO 27" or "GPIO 22, active-low" or "pwmchip0 channel 0, 2000 Hz".</summary>
    public string Description { get; }

    public bool IsOn { get; private set; }

    public void Set(bool on)
    {
        if (_written && on == IsOn)
        {
            return;
        }

        Apply(on);
        IsOn = on;
        _written = true;
    }

    /// <summary>Writes off even when the output is believed to be off already.</summary>
    public void ForceOff()
    {
        Apply(false);
        IsOn = false;
        _written = true;
    }

    public override string ToString() => $"{ConfigKey} ({Description})";

    public abstract void Dispose();

    protected abstract void Apply(bool on);
}
