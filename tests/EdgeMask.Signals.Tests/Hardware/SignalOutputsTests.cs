using System.Device.Gpio;
using EdgeMask.Signals.Hardware;
using EdgeMask.Signals.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Signals.Tests.Hardware;

public sealed class SignalOutputsTests
{
    private readonly FakeTimeProvider _time = new(SignalRig.StartedAt);

    [Fact]
    public void WrongPin_ThrowsNamingThePinAndItsKey()
    {
        var driver = new RecordingGpioDriver(_time, pinCount: 54);
        var options = SignalRig.DefaultOptions();
        options.RedLedPin = 99;

        var ex = Assert.Throws<SignalPinException>(() => new SignalOutputs(options, new GpioController(driver)));

        Assert.Equal("Signals:RedLedPin", ex.ConfigKey);
        Assert.Equal(99, ex.Pin);
        Assert.Contains("Signals:RedLedPin is 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("54 lines (0-53)", ex.Message, StringComparison.Ordinal);
        Assert.True(driver.IsDisposed, "an owned controller is released when opening fails");
    }

    [Fact]
    public void BusyLine_ThrowsNamingThePinAndItsKey_AndReleasesLinesAlreadyOpened()
    {
        var driver = new RecordingGpioDriver(_time);
        driver.BusyPins.Add(SignalRig.Buzzer);
        var controller = new GpioController(driver);

        var ex = Assert.Throws<SignalPinException>(() => new SignalOutputs(SignalRig.DefaultOptions(), controller, shouldDispose: false));

        Assert.Equal("Signals:BuzzerPin", ex.ConfigKey);
        Assert.Equal(SignalRig.Buzzer, ex.Pin);
        Assert.Contains("Signals:BuzzerPin (GPIO 22)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("busy", ex.Message, StringComparison.Ordinal);
        Assert.Empty(driver.OpenPins);
        Assert.False(driver.IsDisposed, "a caller-owned controller stays usable");
        controller.Dispose();
    }

    [Fact]
    public void Open_StartsEveryLineOff_AndListsOutputsInTestOrder()
    {
        var driver = new RecordingGpioDriver(_time);
        using var outputs = new SignalOutputs(SignalRig.DefaultOptions(), new GpioController(driver));

        Assert.Equal([SignalOutputKind.GreenLed, SignalOutputKind.RedLed, SignalOutputKind.DistanceLed, SignalOutputKind.Buzzer], outputs.Configured);
        Assert.All(new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer }, pin => Assert.All(driver.WritesTo(pin), w => Assert.False(w.IsHigh)));
        Assert.Equal("Signals:DistanceLedPin (GPIO 5)", outputs.Describe(SignalOutputKind.DistanceLed));
    }

    [Fact]
    public void Set_WritesOnlyOnChange()
    {
        var driver = new RecordingGpioDriver(_time);
        using var outputs = new SignalOutputs(SignalRig.DefaultOptions(), new GpioController(driver));
        var before = driver.WritesTo(SignalRig.Red).Count;

        outputs.Set(SignalOutputKind.RedLed, true);
        outputs.Set(SignalOutputKind.RedLed, true);
        outputs.Set(SignalOutputKind.RedLed, true);

        Assert.Equal(before + 1, driver.WritesTo(SignalRig.Red).Count);
        Assert.True(outputs.IsOn(SignalOutputKind.RedLed));
    }

    [Fact]
    public void PassiveBuzzer_CallerOwnedChannel_IsStoppedButNotDisposed()
    {
        var driver = new RecordingGpioDriver(_time);
        var pwm = new FakePwmChannel(_time);
        var options = SignalRig.DefaultOptions();
        options.BuzzerType = BuzzerType.Passive;

        var outputs = new SignalOutputs(options, new GpioController(driver), pwm, shouldDispose: false);
        outputs.Set(SignalOutputKind.Buzzer, true);
        Assert.True(pwm.IsRunning);
        outputs.Dispose();

        Assert.False(pwm.IsRunning);
        Assert.False(pwm.IsDisposed);
    }

    [Fact]
    public void SimulatedDriver_KeepsLevelsInMemory_AndRaisesChangeCallbacks()
    {
        var simulated = new SimulatedGpioDriver();
        using var controller = new GpioController(simulated);
        controller.OpenPin(4, PinMode.Output, PinValue.Low);
        var edges = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        controller.Write(4, PinValue.High);
        controller.Write(4, PinValue.High);
        controller.Write(4, PinValue.Low);

        Assert.True(simulated.TryGetLevel(4, out var level));
        Assert.Equal(PinValue.Low, level);
        Assert.Equal(PinValue.Low, controller.Read(4));
        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], edges);
    }
}
