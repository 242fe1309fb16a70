using System.Device.Gpio;
using EdgeMask.Signals.Tests.Fakes;

namespace EdgeMask.Signals.Tests;

public sealed class OutputTesterTests
{
    [Fact]
    public async Task CycleAll_TurnsEachOutputOnForOneSecond_InOrder()
    {
        using var rig = new SignalRig();
        var tester = new OutputTester(rig.Outputs, rig.Time);

        var run = tester.CycleAllAsync(CancellationToken.None);
        await AdvanceOffTheTestContext(rig, TimeSpan.FromSeconds(5));
        var report = await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["Signals:GreenLedPin (GPIO 17)", "Signals:RedLedPin (GPIO 27)", "Signals:DistanceLedPin (GPIO 5)", "Signals:BuzzerPin (GPIO 22)"], report.OutputsCycled);
        Assert.False(report.Simulated);
        var pulses = new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer }
            .Select(pin => rig.Driver.Changes(pin).Skip(1).ToList())
            .ToList();
        Assert.All(pulses, p => Assert.Equal([true, false], p.Select(w => w.IsHigh)));
        Assert.All(pulses, p => Assert.Equal(TimeSpan.FromSeconds(1), p[1].At - p[0].At));
        for (var i = 1; i < pulses.Count; i++)
        {
            Assert.True(pulses[i][0].At >= pulses[i - 1][1].At, "one output at a time");
        }
    }

    [Fact]
    public async Task Cancelled_LeavesEveryOutputOff()
    {
        using var rig = new SignalRig();
        var tester = new OutputTester(rig.Outputs, rig.Time);
        using var cancel = new CancellationTokenSource();

        var run = tester.CycleAllAsync(cancel.Token);
        await AdvanceOffTheTestContext(rig, TimeSpan.FromMilliseconds(500));
        Assert.Equal(PinValue.High, rig.Driver.LastLevel(SignalRig.Green));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.All(new[] { SignalRig.Green, SignalRig.Red, SignalRig.Distance, SignalRig.Buzzer }, pin => Assert.Equal(PinValue.Low, rig.Driver.LastLevel(pin)));
    }

    // Continuations after Task.Delay run inline on the advancing thread only where no SynchronizationContext is set
    // (xunit sets one on the test thread), which keeps each step of the tester on the fake clock's exact instants.
    private static Task AdvanceOffTheTestContext(SignalRig rig, TimeSpan duration) => Task.Run(() => rig.Run(duration));
}
