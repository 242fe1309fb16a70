namespace EdgeMask.Signals;

public enum BuzzerType
{
    /// <summary>No buzzer is connected.</summary>
    None,

    /// <summary>A buzzer with its own oscillator: a GPIO line switches it on and off.</summary>
    Active,

    /// <summary>A bare piezo: a hardware PWM channel drives it at a frequency (Iot.Device.Buzzer).</summary>
    Passive,
}
