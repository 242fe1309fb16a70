using EdgeMask.Core.Scene;
using EdgeMask.Signals.Patterns;

namespace EdgeMask.Signals.Tests.Patterns;

public sealed class SignalPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_AllClear_GreenOnly()
    {
        var planner = new SignalPlanner(new SignalsOptions(), hasDistanceLed: true);

        Assert.Equal(new OutputLevels(GreenLed: true, RedLed: false, DistanceLed: false, Buzzer: false), planner.Plan(SceneState.Clear, T0, buzzerSilenced: false));
    }

    [Fact]
    public void Plan_BothViolationsWithoutDistanceLed_MaskPatternWinsOnRed()
    {
        var options = new SignalsOptions();
        options.MaskViolation.Led = new SignalPattern { Mode = PatternMode.Steady };
        options.DistanceViolation.Led = new SignalPattern { Mode = PatternMode.Blink, Period = TimeSpan.FromMilliseconds(500) };
        var planner = new SignalPlanner(options, hasDistanceLed: false);
        var both = new SceneState(MaskViolation: true, DistanceViolation: true, PeopleInView: 2);

        planner.Plan(both, T0, buzzerSilenced: false);
        var inBlinkOffHalf = planner.Plan(both, T0.AddMilliseconds(300), buzzerSilenced: false);

        Assert.True(inBlinkOffHalf.RedLed, "steady mask pattern, not the blink");
        Assert.False(inBlinkOffHalf.DistanceLed);
        Assert.False(inBlinkOffHalf.GreenLed);
    }

    [Fact]
    public void Plan_Silenced_OnlyTheBuzzerGoesQuiet()
    {
        var loud = new SignalPlanner(new SignalsOptions(), hasDistanceLed: true);
        var quiet = new SignalPlanner(new SignalsOptions(), hasDistanceLed: true);
        var both = new SceneState(MaskViolation: true, DistanceViolation: true, PeopleInView: 2);

        var a = loud.Plan(both, T0, buzzerSilenced: false);
        var b = quiet.Plan(both, T0, buzzerSilenced: true);

        Assert.True(a.Buzzer);
        Assert.False(b.Buzzer);
        Assert.Equal(a with { Buzzer = false }, b);
    }

    [Fact]
    public void Plan_ViolationRestarts_PatternStartsAgainFromItsBeginning()
    {
        var planner = new SignalPlanner(new SignalsOptions(), hasDistanceLed: true); // mask buzzer: 2 x 150 ms every 3 s
        var mask = new SceneState(MaskViolation: true, DistanceViolation: false, PeopleInView: 1);

        Assert.True(planner.Plan(mask, T0, buzzerSilenced: false).Buzzer);
        Assert.False(planner.Plan(mask, T0.AddSeconds(1), buzzerSilenced: false).Buzzer);
        planner.Plan(SceneState.Clear, T0.AddSeconds(1.5), buzzerSilenced: false);

        Assert.True(planner.Plan(mask, T0.AddSeconds(2), buzzerSilenced: false).Buzzer, "a new violation opens with a beep");
    }
}
