using EdgeMask.Systemd;

namespace EdgeMask.Deploy.Tests.Systemd;

public sealed class SystemdEnvironmentTests
{
    private const int ProcessId = 4242;

    [Fact]
    public void Parse_NoNotifySocket_CannotNotify()
    {
        var environment = Parse(new() { ["WATCHDOG_USEC"] = "30000000" });

        Assert.False(environment.CanNotify);
        Assert.Null(environment.WatchdogInterval);
    }

    [Fact]
    public void Parse_WatchdogForThisProcess_GivesInterval()
    {
        var environment = Parse(new() { ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["WATCHDOG_USEC"] = "30000000", ["WATCHDOG_PID"] = "4242" });

        Assert.True(environment.CanNotify);
        Assert.Equal(TimeSpan.FromSeconds(30), environment.WatchdogInterval);
        Assert.Null(environment.Problem);
    }

    [Fact]
    public void Parse_WatchdogWithoutPid_GivesInterval()
    {
        var environment = Parse(new() { ["NOTIFY_SOCKET"] = "@abstract", ["WATCHDOG_USEC"] = "500000" });

        Assert.Equal(TimeSpan.FromMilliseconds(500), environment.WatchdogInterval);
    }

    [Fact]
    public void Parse_WatchdogForAnotherProcess_NoIntervalAndSaysWhy()
    {
        var environment = Parse(new() { ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["WATCHDOG_USEC"] = "30000000", ["WATCHDOG_PID"] = "1" });

        Assert.True(environment.CanNotify);
        Assert.Null(environment.WatchdogInterval);
        Assert.Contains("WATCHDOG_PID=1", environment.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thirty")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Parse_MalformedWatchdogUsec_NoIntervalAndNamesTheValue(string usec)
    {
        var environment = Parse(new() { ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["WATCHDOG_USEC"] = usec });

        Assert.Null(environment.WatchdogInterval);
        Assert.Contains($"WATCHDOG_USEC='{usec}'", environment.Problem, StringComparison.Ordinal);
    }

    private static SystemdEnvironment Parse(Dictionary<string, string> variables) =>
        SystemdEnvironment.Parse(name => variables.GetValueOrDefault(name), ProcessId);
}
