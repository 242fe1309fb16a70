using System.Globalization;
using System.Text.RegularExpressions;
using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// systemd-analyze on systemd/edgemask.service. `verify` checks that ExecStart's program exists, so the tests
/// analyse a temporary copy whose ExecStart names this machine's /bin/true instead of /usr/bin/edgemask (not
/// installed here); every other line is the shipped unit's.
/// </summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private const string ShippedExecStart = "ExecStart=/usr/bin/edgemask run";
    private readonly string _directory = RepoPaths.NewTempDirectory("unit");
    private readonly string _unit;

    public SystemdUnitTests()
    {
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "systemd", "edgemask.service"));
        Assert.Contains(ShippedExecStart, shipped, StringComparison.Ordinal);
        _unit = Path.Combine(_directory, "edgemask.service");
        File.WriteAllText(_unit, shipped.Replace(ShippedExecStart, "ExecStart=/bin/true run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_ShippedUnit_PassesWithoutWarnings()
    {
        var (exitCode, output) = await Command.RunAsync(SystemTools.Require("systemd-analyze"), ["verify", _unit], TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(_unit, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_ShippedUnit_ExposureAtMostOnePointFive()
    {
        var (exitCode, output) = await Command.RunAsync(
            SystemTools.Require("systemd-analyze"),
            ["security", "--offline=yes", "--no-pager", _unit],
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output);
        var exposure = Exposure().Match(output);
        Assert.True(exposure.Success, $"no overall exposure level in:\n{output}");
        var level = double.Parse(exposure.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(level <= 1.5, $"exposure {level} is above 1.5:\n{output}");
    }

    [Fact]
    public void Unit_AllowsLoopbackAndLocalNetworksOnly()
    {
        var lines = File.ReadAllLines(_unit);

        Assert.Contains("IPAddressDeny=any", lines);
        var allowed = Assert.Single(lines, l => l.StartsWith("IPAddressAllow=", StringComparison.Ordinal))["IPAddressAllow=".Length..].Split(' ');
        Assert.Contains("localhost", allowed);
        Assert.Contains("192.168.0.0/16", allowed);
        Assert.DoesNotContain("any", allowed);
        Assert.DoesNotContain(allowed, a => a.StartsWith("0.0.0.0", StringComparison.Ordinal) || a.StartsWith("::/", StringComparison.Ordinal));
    }

    [Fact]
    public void Unit_DeclaresNotifyWatchdogAndNoConfigCrashLoop()
    {
        var unit = File.ReadAllText(_unit);

        foreach (var line in new[] { "Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure", "RestartPreventExitStatus=78 66 69", "StateDirectory=edgemask", "ConfigurationDirectory=edgemask", "SupplementaryGroups=video gpio" })
        {
            Assert.Contains($"\n{line}\n", unit, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\nMemoryDenyWriteExecute=yes", unit, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"Overall exposure level for edgemask\.service: (\d+\.\d+)")]
    private static partial Regex Exposure();
}
