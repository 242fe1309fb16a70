using EdgeMask.Core.Health;
using EdgeMask.Signals.Hardware;
using EdgeMask.Signals.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Signals.Tests.Hardware;

public sealed class SignalOutputsFactoryTests
{
    private readonly FakeTimeProvider _time = new(SignalRig.StartedAt);
    private readonly FakeGpioPlatform _platform = new();
    private readonly PipelineHealth _health;

    public SignalOutputsFactoryTests()
    {
        _health = new PipelineHealth(_time);
    }

    private string HealthStatus => _health.Snapshot().Components[SignalOutputsFactory.HealthComponent];

    private SignalOutputs Create(SignalsOptions? options = null) =>
        new SignalOutputsFactory(_platform, _health, NullLoggerFactory.Instance).Create(options ?? SignalRig.DefaultOptions());

    [Fact]
    public void Auto_NoChipAndNoSysfs_RunsSimulated_AndHealthSaysSo()
    {
        using var outputs = Create();

        Assert.True(outputs.IsSimulated);
        Assert.Equal("simulated: no GPIO chip found", HealthStatus);
        Assert.Equal(4, outputs.Configured.Count);
        outputs.Set(SignalOutputKind.RedLed, true); // the rest of the path runs unchanged
        Assert.True(outputs.IsOn(SignalOutputKind.RedLed));
    }

    [Fact]
    public void Auto_ChipPresentAndLibgpiodLoads_UsesLibgpiodOnTheConfiguredChip()
    {
        var driver = new RecordingGpioDriver(_time);
        _platform.Chips.AddRange([0, 4]);
        _platform.Libgpiod = _ => driver;
        var options = SignalRig.DefaultOptions();
        options.GpioChip = 4;

        using var outputs = Create(options);

        Assert.False(outputs.IsSimulated);
        Assert.Equal(["libgpiod 4"], _platform.Opened);
        Assert.Equal("libgpiod chip 4", HealthStatus);
        Assert.Contains(SignalRig.Red, driver.OpenPins);
    }

    [Fact]
    public void Auto_LibgpiodMissing_FallsBackToSysfs()
    {
        var driver = new RecordingGpioDriver(_time);
        _platform.Chips.Add(0);
        _platform.HasSysfs = true;
        _platform.Sysfs = () => driver;

        using var outputs = Create();

        Assert.Equal(["libgpiod 0", "sysfs"], _platform.Opened);
        Assert.Equal("sysfs", HealthStatus);
        Assert.False(outputs.IsSimulated);
    }

    [Fact]
    public void Auto_ConfiguredChipMissing_DoesNotTryLibgpiod()
    {
        _platform.Chips.Add(0);
        var options = SignalRig.DefaultOptions();
        options.GpioChip = 4;

        using var outputs = Create(options);

        Assert.Empty(_platform.Opened);
        Assert.True(outputs.IsSimulated);
        Assert.StartsWith("simulated:", HealthStatus, StringComparison.Ordinal);
    }

    [Fact]
    public void ForcedLibgpiod_Unavailable_RunsSimulatedInsteadOfCrashing()
    {
        var options = SignalRig.DefaultOptions();
        options.Driver = GpioDriverKind.Libgpiod;

        using var outputs = Create(options);

        Assert.True(outputs.IsSimulated);
        Assert.Equal("simulated: libgpiod chip 0 unavailable", HealthStatus);
    }

    [Fact]
    public void BusyLine_FallsBackToSimulated_AndHealthNamesThePinAndKey()
    {
        var driver = new RecordingGpioDriver(_time);
        driver.BusyPins.Add(SignalRig.Red);
        _platform.Chips.Add(0);
        _platform.Libgpiod = _ => driver;

        using var outputs = Create();

        Assert.True(outputs.IsSimulated);
        Assert.Equal("simulated: Signals:RedLedPin (GPIO 27) failed on libgpiod chip 0", HealthStatus);
        Assert.True(driver.IsDisposed, "the real chip is released, not left half-open");
        Assert.Equal(4, outputs.Configured.Count);
    }

    [Fact]
    public void PassiveBuzzer_WithoutPwm_SimulatesOnlyTheBuzzer()
    {
        var driver = new RecordingGpioDriver(_time);
        _platform.Chips.Add(0);
        _platform.Libgpiod = _ => driver;
        var options = SignalRig.DefaultOptions();
        options.BuzzerType = BuzzerType.Passive;

        using var outputs = Create(options);

        Assert.False(outputs.IsSimulated);
        Assert.Equal("libgpiod chip 0; buzzer PWM simulated (pwmchip0 channel 0 unavailable)", HealthStatus);
        Assert.True(outputs.Has(SignalOutputKind.Buzzer));
    }

    [Fact]
    public void Disabled_OpensNothing_AndHealthSaysDisabled()
    {
        var options = SignalRig.DefaultOptions();
        options.Enabled = false;

        using var outputs = Create(options);

        Assert.Empty(outputs.Configured);
        Assert.Empty(_platform.Opened);
        Assert.Equal("disabled", HealthStatus);
    }

    [SkippableFact]
    public void RealPlatform_WithoutGpio_RunsSimulated()
    {
        Skip.If(File.Exists("/dev/gpiochip0") || Directory.Exists("/sys/class/gpio"), "this machine has GPIO; the fallback cannot be shown here");

        using var outputs = new SignalOutputsFactory(new LinuxGpioPlatform(), _health, NullLoggerFactory.Instance).Create(SignalRig.DefaultOptions());

        Assert.True(outputs.IsSimulated);
        Assert.Equal("simulated: no GPIO chip found", HealthStatus);
    }
}
