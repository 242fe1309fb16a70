using System.Device.Gpio;
using EdgeMask.Core.Control;
using EdgeMask.Core.Scene;
using EdgeMask.Signals.Hardware;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Signals.Tests.Fakes;

/// <summary>A controller on a recording driver and a fake clock (UTC as local time), started at a known instant.</summary>
public sealed class SignalRig : IDisposable
{
    public const int Green = 17;
    public const int Red = 27;
    public const int Distance = 5;
    public const int Buzzer = 22;

    public static readonly DateTimeOffset StartedAt = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    public SignalRig(SignalsOptions? options = null)
    {
        Time = new FakeTimeProvider(StartedAt);
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        Options = options ?? DefaultOptions();
        Driver = new RecordingGpioDriver(Time);
        Pwm = new FakePwmChannel(Time);
        Outputs = new SignalOutputs(Options, new GpioController(Driver), Options.BuzzerType == BuzzerType.Passive ? Pwm : null, shouldDispose: true);
        Controller = new SignalController(Options, Outputs, Controls, Time, logger: null, shouldDispose: true);
    }

    public FakeTimeProvider Time { get; }

    public SignalsOptions Options { get; }

    public RecordingGpioDriver Driver { get; }

    /// <summary>The passive buzzer's channel (used only when the options say Passive).</summary>
    public FakePwmChannel Pwm { get; }

    public SignalOutputs Outputs { get; }

    public RuntimeControls Controls { get; } = new();

    public SignalController Controller { get; }

    public TimeSpan Tick => Options.TickInterval;

    public static SignalsOptions DefaultOptions() => new()
    {
        GreenLedPin = Green,
        RedLedPin = Red,
        DistanceLedPin = Distance,
        BuzzerType = BuzzerType.Active,
        BuzzerPin = Buzzer,
        TickInterval = TimeSpan.FromMilliseconds(10),
    };

    public static SceneUpdate Update(bool mask, bool distance, long sequence = 1) =>
        new(sequence, StartedAt, new SceneState(mask, distance, mask || distance ? 2 : 0), [], []);

    public void Show(bool mask, bool distance) => AssertCompletedAtOnce(Controller.OnSceneUpdateAsync(Update(mask, distance), CancellationToken.None));

    public static void AssertCompletedAtOnce(ValueTask pending) =>
        Assert.True(pending.IsCompletedSuccessfully, "OnSceneUpdateAsync must complete synchronously");

    /// <summary>Moves the clock forward one tick at a time, so every timer turn sees its own instant.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            var step = end - Time.GetUtcNow();
            Time.Advance(step < Tick ? step : Tick);
        }
    }

    public TimeSpan Since(DateTimeOffset at) => at - StartedAt;

    public void Dispose() => Controller.Dispose();
}
