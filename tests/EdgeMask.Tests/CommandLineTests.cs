using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

/// <summary>The built program's command line: usage errors and the daemon's fatal line.</summary>
public class CommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("replay")]
    [InlineData("evaluate", "--frobnicate")]
    public async Task UsageError_Exits64_WithTheParsersReasonAndAPointerToHelp(params string[] arguments)
    {
        var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, .. arguments], Timeout);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("edgemask: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Run 'edgemask --help'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_Exits0()
    {
        var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, "--version"], Timeout);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StandardOutput);
    }

    [Fact]
    public async Task Run_UnderTheJournal_TheFatalLineCarriesTheErrorPriority()
    {
        var config = EdgeMaskDaemon.WriteConfig(RepoPaths.NewTempDirectory("config"), new JsonObject { ["Capture"] = new JsonObject { ["Width"] = 5 } });

        var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, "run", "--config", config], Timeout, new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });

        Assert.Equal(ExitCodes.Config, result.ExitCode);
        Assert.StartsWith("<3>edgemask: invalid configuration: ", result.StandardError, StringComparison.Ordinal);
    }
}
