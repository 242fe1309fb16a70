namespace EdgeMask.Signals.Tests;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("21:59", false)]
    [InlineData("22:00", true)]
    [InlineData("23:59", true)]
    [InlineData("00:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    public void Contains_WindowAcrossMidnight(string at, bool expected)
    {
        var quiet = new QuietHours { Start = new TimeOnly(22, 0), End = new TimeOnly(7, 0) };

        Assert.Equal(expected, quiet.Contains(TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("12:59", false)]
    [InlineData("13:00", true)]
    [InlineData("14:59", true)]
    [InlineData("15:00", false)]
    public void Contains_WindowWithinOneDay(string at, bool expected)
    {
        var quiet = new QuietHours { Start = new TimeOnly(13, 0), End = new TimeOnly(15, 0) };

        Assert.Equal(expected, quiet.Contains(TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Contains_NotConfigured_NeverQuiet()
    {
        var quiet = new QuietHours();

        Assert.False(quiet.IsEnabled);
        Assert.False(quiet.Contains(new TimeOnly(3, 0)));
    }
}
