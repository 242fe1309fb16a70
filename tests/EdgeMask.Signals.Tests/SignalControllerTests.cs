using System.Device.Gpio;
using System.Diagnostics;
using EdgeMask.Signals.Hardware;
using EdgeMask.Signals.Patterns;
using EdgeMask.Signals.Tests.Fakes;

namespace EdgeMask.Signals.Tests;

public sealed class SignalControllerTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(10); // one tick of the rig

    [Fact]
    public void Start_WritesEveryOutputOff_BeforeAnyOn()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: true, distance: true);
        rig.Run(TimeSpan.FromMilliseconds(100));

        foreach (var pin in new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer })
        {
            var writes = rig.Driver.WritesTo(pin);
            Assert.NotEmpty(writes);
            Assert.False(writes[0].IsHigh, $"GPIO {pin} must start low (off)");
        }

        Assert.True(rig.Driver.Changes(SignalRig.Red).Any(w => w.IsHigh), "the red LED should be on by now");
    }

    [Fact]
    public void AllClear_GreenSteady_OthersOff()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Run(TimeSpan.FromSeconds(2));

        var green = rig.Driver.Changes(SignalRig.Green);
        Assert.Equal([false, true], green.Select(w => w.IsHigh));
        Assert.InRange(rig.Since(green[1].At), TimeSpan.Zero, Tolerance);
        Assert.All([SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer], pin => Assert.DoesNotContain(rig.Driver.WritesTo(pin), w => w.IsHigh));
    }

    [Fact]
    public void MaskViolation_RedSteady_GreenOff_BuzzerBeepsTwiceEveryThreeSeconds()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: true, distance: false);
        rig.Run(TimeSpan.FromSeconds(6.5));

        var red = rig.Driver.Changes(SignalRig.Red);
        Assert.Equal([false, true], red.Select(w => w.IsHigh));
        Assert.DoesNotContain(rig.Driver.WritesTo(SignalRig.Green), w => w.IsHigh);

        var onsets = BuzzerOnsets(rig);
        var start = onsets[0];
        Assert.InRange(start, TimeSpan.Zero, Tolerance);
        var expectedOnsets = new[] { 0, 300, 3000, 3300, 6000, 6300 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        Assert.Equal(expectedOnsets.Length, onsets.Count);
        for (var i = 0; i < onsets.Count; i++)
        {
            AssertNear(expectedOnsets[i], onsets[i] - start);
        }

        Assert.All(PulseLengths(rig.Driver.Changes(SignalRig.Buzzer)), pulse => AssertNear(TimeSpan.FromMilliseconds(150), pulse));
    }

    [Fact]
    public void DistanceViolation_WithDistanceLed_BlinksAtPeriod_RedStaysOff()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: false, distance: true);
        rig.Run(TimeSpan.FromSeconds(2.1));

        var blink = rig.Driver.Changes(SignalRig.Distance).Skip(1).ToList(); // the first change is the start-up off
        Assert.Equal(9, blink.Count); // on at 0, 0.5, 1.0, 1.5, 2.0 s; off in between
        for (var i = 1; i < blink.Count; i++)
        {
            Assert.NotEqual(blink[i - 1].IsHigh, blink[i].IsHigh);
            AssertNear(TimeSpan.FromMilliseconds(250), blink[i].At - blink[i - 1].At);
        }

        Assert.DoesNotContain(rig.Driver.WritesTo(SignalRig.Red), w => w.IsHigh);

        var onsets = BuzzerOnsets(rig); // one long beep every 2 s
        Assert.Equal(2, onsets.Count);
        AssertNear(TimeSpan.FromSeconds(2), onsets[1] - onsets[0]);
        Assert.All(PulseLengths(rig.Driver.Changes(SignalRig.Buzzer)), pulse => AssertNear(TimeSpan.FromMilliseconds(400), pulse));
    }

    [Fact]
    public void DistanceViolation_WithoutDistanceLed_BlinksRedLed()
    {
        var options = SignalRig.DefaultOptions();
        options.DistanceLedPin = null;
        using var rig = new SignalRig(options);
        rig.Controller.Start();
        rig.Show(mask: false, distance: true);
        rig.Run(TimeSpan.FromSeconds(1.1));

        var red = rig.Driver.Changes(SignalRig.Red).Skip(1).ToList();
        Assert.Equal([true, false, true, false, true], red.Select(w => w.IsHigh));
        AssertNear(TimeSpan.FromMilliseconds(500), red[2].At - red[0].At);
    }

    [Fact]
    public void ViolationEnds_GreenReturns_RedAndBuzzerOff()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: true, distance: false);
        rig.Run(TimeSpan.FromMilliseconds(100));
        rig.Show(mask: false, distance: false);
        rig.Run(TimeSpan.FromMilliseconds(50));

        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Green));
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Red));
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Buzzer));
    }

    [Fact]
    public void Muted_SilencesBuzzer_LedsStillShow_UnmuteResumes()
    {
        using var rig = new SignalRig();
        rig.Controls.SetBuzzerMuted(true);
        rig.Controller.Start();
        rig.Show(mask: true, distance: true);
        rig.Run(TimeSpan.FromSeconds(4));

        Assert.DoesNotContain(rig.Driver.WritesTo(SignalRig.Buzzer), w => w.IsHigh);
        Assert.Contains(rig.Driver.WritesTo(SignalRig.Red), w => w.IsHigh);
        Assert.Contains(rig.Driver.WritesTo(SignalRig.Distance), w => w.IsHigh);

        rig.Controls.SetBuzzerMuted(false);
        rig.Run(TimeSpan.FromSeconds(3));
        Assert.Contains(rig.Driver.WritesTo(SignalRig.Buzzer), w => w.IsHigh);
    }

    [Fact]
    public void QuietHours_SilenceBuzzer_LedsStillShow_BuzzerReturnsWhenTheyEnd()
    {
        var options = SignalRig.DefaultOptions();
        options.QuietHours = new QuietHours { Start = new TimeOnly(11, 0), End = new TimeOnly(12, 0, 5) }; // rig starts at 12:00:00
        using var rig = new SignalRig(options);
        rig.Controller.Start();
        rig.Show(mask: true, distance: false);
        rig.Run(TimeSpan.FromSeconds(4.9));

        Assert.True(rig.Controller.CurrentState.MaskViolation);
        Assert.DoesNotContain(rig.Driver.WritesTo(SignalRig.Buzzer), w => w.IsHigh);
        Assert.Contains(rig.Driver.WritesTo(SignalRig.Red), w => w.IsHigh);

        rig.Run(TimeSpan.FromSeconds(2));
        var firstBeep = Assert.Single(rig.Driver.Changes(SignalRig.Buzzer), w => w.IsHigh && rig.Since(w.At) < TimeSpan.FromSeconds(6.1));
        Assert.InRange(rig.Since(firstBeep.At), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6) + Tolerance); // the 3 s group cadence, after 12:00:05
    }

    [Fact]
    public void ActiveLow_InvertsEveryLevel()
    {
        var options = SignalRig.DefaultOptions();
        options.ActiveLow = true;
        options.BuzzerActiveLow = false; // a per-output override wins over the global setting
        using var rig = new SignalRig(options);
        rig.Controller.Start();
        rig.Run(TimeSpan.FromMilliseconds(50));

        Assert.True(rig.Driver.WritesTo(SignalRig.Red)[0].IsHigh, "active-low off is high");
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Green)); // green on = low
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Buzzer)); // buzzer is active-high: off = low

        rig.Show(mask: true, distance: false);
        rig.Run(TimeSpan.FromMilliseconds(50));
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Red));
        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Green));
        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Buzzer));
    }

    [Fact]
    public async Task StopAsync_LeavesEveryOutputOff_AndStopsWriting()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: true, distance: true);
        rig.Run(TimeSpan.FromMilliseconds(100));

        await rig.Controller.StopAsync(CancellationToken.None);
        var writesAtStop = rig.Driver.Writes.Count;
        rig.Run(TimeSpan.FromSeconds(1));

        Assert.Equal(writesAtStop, rig.Driver.Writes.Count);
        Assert.All(new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer }, pin => Assert.Equal(PinValue.Low, rig.Driver.LastLevel(pin)));
    }

    [Fact]
    public void Dispose_LeavesEveryOutputOff_ReleasesPins_AndDisposesOwnedDriver()
    {
        var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: false, distance: false);
        rig.Run(TimeSpan.FromMilliseconds(50));
        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Green));

        rig.Dispose();

        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Green));
        Assert.Empty(rig.Driver.OpenPins);
        Assert.True(rig.Driver.IsDisposed);
    }

    [Fact]
    public void Dispose_WithShouldDisposeFalse_LeavesOutputsOffButOpen()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SignalRig.StartedAt);
        var driver = new RecordingGpioDriver(time);
        var options = SignalRig.DefaultOptions();
        using var outputs = new SignalOutputs(options, new GpioController(driver));
        var controller = new SignalController(options, outputs, new EdgeMask.Core.Control.RuntimeControls(), time, logger: null, shouldDispose: false);
        controller.Start();
        time.Advance(options.TickInterval);
        Assert.Equal(PinValue.High, driver.LastLevel(SignalRig.Green));

        controller.Dispose();

        Assert.Equal(PinValue.Low, driver.LastLevel(SignalRig.Green));
        Assert.Equal(4, driver.OpenPins.Count);
        Assert.False(driver.IsDisposed);
    }

    [Fact]
    public async Task SlowSignalPath_DoesNotSlowSceneUpdates()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Driver.HoldWrites();
        rig.Show(mask: true, distance: false);
        var turn = Task.Run(() => rig.Time.Advance(rig.Tick)); // the engine's turn blocks inside a GPIO write
        await rig.Driver.WriteHeld.WaitAsync(TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            SignalRig.AssertCompletedAtOnce(rig.Controller.OnSceneUpdateAsync(SignalRig.Update(mask: i % 2 == 0, distance: false, sequence: i), CancellationToken.None));
        }

        clock.Stop();
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.False(turn.IsCompleted, "the GPIO write was still blocked while the updates went through");

        rig.Driver.ReleaseWrites();
        await turn.WaitAsync(TimeSpan.FromSeconds(5));
        rig.Show(mask: false, distance: false);
        rig.Run(rig.Tick * 2);
        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Green));
        Assert.Equal(PinValue.Low, rig.Driver.LastLevel(SignalRig.Red));
    }

    [Fact]
    public async Task SetSafeState_DuringBlockedWrite_TurnsEverythingOffWhenTheWriteReturns()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Show(mask: true, distance: true);
        rig.Run(TimeSpan.FromMilliseconds(50));
        rig.Driver.HoldWrites();
        rig.Show(mask: false, distance: false);
        var turn = Task.Run(() => rig.Time.Advance(rig.Tick));
        await rig.Driver.WriteHeld.WaitAsync(TimeSpan.FromSeconds(5));

        rig.Controller.SetSafeState(); // as from an unhandled-exception handler: must not wait for the write

        rig.Driver.ReleaseWrites();
        await turn.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer }, pin => Assert.Equal(PinValue.Low, rig.Driver.LastLevel(pin)));
    }

    [Fact]
    public void FailingLine_DoesNotStopTheOtherOutputs()
    {
        using var rig = new SignalRig();
        rig.Controller.Start();
        rig.Driver.FailingWrites[SignalRig.Red] = true;
        rig.Show(mask: true, distance: true);
        rig.Run(TimeSpan.FromMilliseconds(100));

        Assert.Contains(rig.Driver.WritesTo(SignalRig.Distance), w => w.IsHigh);
        Assert.Contains(rig.Driver.WritesTo(SignalRig.Buzzer), w => w.IsHigh);
        Assert.DoesNotContain(rig.Driver.WritesTo(SignalRig.Red), w => w.IsHigh);
    }

    [Fact]
    public void PassiveBuzzer_PlaysConfiguredToneInTheBeepPattern()
    {
        var options = SignalRig.DefaultOptions();
        options.BuzzerType = BuzzerType.Passive;
        options.BuzzerPin = 18;
        options.BuzzerFrequencyHz = 2500;
        options.MaskViolation.Buzzer = new SignalPattern { Mode = PatternMode.Beeps, Count = 3, OnTime = TimeSpan.FromMilliseconds(100), OffTime = TimeSpan.FromMilliseconds(200), RepeatEvery = TimeSpan.Zero };
        using var rig = new SignalRig(options);
        var pwm = rig.Pwm;
        rig.Controller.Start();
        rig.Show(mask: true, distance: false);
        rig.Run(TimeSpan.FromSeconds(2));

        var changes = pwm.Changes();
        Assert.Equal([true, false, true, false, true, false], changes.Select(c => c.Running));
        Assert.All(changes.Where(c => c.Running), c => Assert.Equal(2500, c.FrequencyHz));
        Assert.All(changes, c => Assert.Equal(0.5, c.DutyCycle));
        AssertNear(TimeSpan.FromMilliseconds(100), changes[1].At - changes[0].At);
        AssertNear(TimeSpan.FromMilliseconds(300), changes[2].At - changes[0].At);
        Assert.DoesNotContain(rig.Driver.OpenPins, pin => pin == 18); // the PWM channel owns that line

        rig.Controller.Dispose();
        Assert.False(pwm.IsRunning);
        Assert.True(pwm.IsDisposed);
    }

    private static List<TimeSpan> BuzzerOnsets(SignalRig rig) =>
        [.. rig.Driver.Changes(SignalRig.Buzzer).Where(w => w.IsHigh).Select(w => rig.Since(w.At))];

    private static IEnumerable<TimeSpan> PulseLengths(IReadOnlyList<PinWrite> changes)
    {
        for (var i = 0; i + 1 < changes.Count; i++)
        {
            if (changes[i].IsHigh && !changes[i + 1].IsHigh)
            {
                yield return changes[i + 1].At - changes[i].At;
            }
        }
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - Tolerance, expected + Tolerance);
}
