using System.Device.Gpio;

namespace EdgeMask.Signals.Hardware;

/// <summary>An LED or active buzzer on one GPIO line; active-low lines are written inverted.</summary>
internal sealed class GpioSignalOutput : SignalOutput
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;

    private GpioSignalOutput(SignalOutputKind kind, string configKey, GpioController controller, int pin, bool activeLow)
        : base(kind, configKey, activeLow ? $"GPIO {pin}, active-low" : $"GPIO {pin}")
    {
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
    }

    /// <summary>Opens <paramref name="pin"/> as an output that starts off, or throws <see cref="SignalPinException"/> naming the pin and key.</summary>
    public static GpioSignalOutput Open(SignalOutputKind kind, string configKey, GpioController controller, int pin, bool activeLow)
    {
        var lineCount = TryGetLineCount(controller);
        if (pin < 0 || (lineCount is { } count && pin >= count))
        {
            throw new SignalPinException(configKey, pin, $"{configKey} is {pin}, but the GPIO chip has {lineCount} lines (0-{lineCount - 1}); check the pin number and Signals:GpioChip");
        }

        try
        {
            controller.OpenPin(pin, PinMode.Output, Level(on: false, activeLow));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new SignalPinException(configKey, pin, $"{configKey} (GPIO {pin}) could not be opened as an output; is the line in use by another program or the kernel, or not on this chip? {ex.GetType().Name}: {ex.Message}", ex);
        }

        return new GpioSignalOutput(kind, configKey, controller, pin, activeLow);
    }

    public override void Dispose()
    {
        if (_controller.IsPinOpen(_pin))
        {
            _controller.ClosePin(_pin);
        }
    }

    protected override void Apply(bool on) => _controller.Write(_pin, Level(on, _activeLow));

    private static PinValue Level(bool on, bool activeLow) => on != activeLow ? PinValue.High : PinValue.Low;

    private static int? TryGetLineCount(GpioController controller)
    {
        try
        {
            return controller.PinCount;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or NotSupportedException or InvalidOperationException or IOException)
        {
            // sysfs cannot tell how many lines exist; opening the line is the test.
            return null;
        }
    }
}
