using EdgeMask.Signals.Patterns;

namespace EdgeMask.Signals.Tests.Patterns;

public sealed class SignalPatternTests
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Steady_IsOnThroughout_Off_IsNeverOn()
    {
        var steady = new SignalPattern { Mode = PatternMode.Steady };
        var off = new SignalPattern { Mode = PatternMode.Off };

        Assert.All(new[] { 0, 1, 499, 10_000 }, ms => Assert.True(steady.IsOnAt(Ms(ms))));
        Assert.All(new[] { 0, 1, 499, 10_000 }, ms => Assert.False(off.IsOnAt(Ms(ms))));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(199, true)]
    [InlineData(200, false)]
    [InlineData(399, false)]
    [InlineData(400, true)]
    [InlineData(4_210, false)]
    public void Blink_OnForFirstHalfOfEachPeriod(int atMs, bool expected)
    {
        var blink = new SignalPattern { Mode = PatternMode.Blink, Period = Ms(400) };

        Assert.Equal(expected, blink.IsOnAt(Ms(atMs)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(99, true)]
    [InlineData(100, false)]
    [InlineData(150, true)]
    [InlineData(249, true)]
    [InlineData(250, false)]
    [InlineData(300, true)] // third pulse
    [InlineData(450, false)] // group over (3 x 150 ms)
    [InlineData(999, false)]
    [InlineData(1_000, true)] // group repeats
    [InlineData(1_120, false)]
    public void Beeps_CountPulsesThenSilenceUntilRepeat(int atMs, bool expected)
    {
        var beeps = new SignalPattern { Mode = PatternMode.Beeps, Count = 3, OnTime = Ms(100), OffTime = Ms(50), RepeatEvery = Ms(1_000) };

        Assert.Equal(expected, beeps.IsOnAt(Ms(atMs)));
    }

    [Fact]
    public void Beeps_WithRepeatZero_PlayOnceOnly()
    {
        var once = new SignalPattern { Mode = PatternMode.Beeps, Count = 1, OnTime = Ms(300), OffTime = Ms(10), RepeatEvery = TimeSpan.Zero };

        Assert.True(once.IsOnAt(Ms(10)));
        Assert.False(once.IsOnAt(Ms(300)));
        Assert.False(once.IsOnAt(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AnyPattern_BeforeItsStart_IsOff()
    {
        Assert.False(new SignalPattern { Mode = PatternMode.Steady }.IsOnAt(Ms(-1)));
    }
}
