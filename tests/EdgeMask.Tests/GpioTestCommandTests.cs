using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

public class GpioTestCommandTests
{
    [Fact]
    public async Task GpioTest_NoGpioChip_CyclesSimulatedOutputsAndSaysNothingPhysicalMoved()
    {
        var dir = RepoPaths.NewTempDirectory("gpio");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Signals"] = new JsonObject { ["Driver"] = "Auto", ["GpioChip"] = 42 } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(TimeSpan.FromSeconds(60), "gpio-test", "--config", config);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains("cycled", output, StringComparison.Ordinal);
        Assert.Contains("simulated", output, StringComparison.Ordinal);
    }
}
