using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

public class BenchCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("1280")]
    [InlineData("1280x")]
    [InlineData("640x-480")]
    [InlineData("100x100")]
    [InlineData("8000x720")]
    public async Task Bench_BadSize_ExitsWithUsageNamingTheOption(string size)
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "bench", "--size", size, "--no-tutorial");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains($"--size '{size}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_OneSize_ReportsOnlyThatSize()
    {
        var dir = RepoPaths.NewTempDirectory("bench");
        var report = Path.Combine(dir, "bench.md");

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "bench", "--quick", "--frames", "3", "--no-tutorial", "--size", "800x600", "--report", report);

        Assert.True(exitCode == ExitCodes.Success, output);
        var markdown = await File.ReadAllTextAsync(report);
        Assert.Contains("800x600", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("640x480", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_Night_TimesGreyClipsBesideTheDayOnes()
    {
        var dir = RepoPaths.NewTempDirectory("bench-night");
        var report = Path.Combine(dir, "bench.md");

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "bench", "--quick", "--frames", "3", "--no-tutorial", "--night", "--report", report);

        Assert.True(exitCode == ExitCodes.Success, output);
        var rows = (await File.ReadAllLinesAsync(report)).Where(line => line.StartsWith("| 640x480", StringComparison.Ordinal)).ToList();
        Assert.Equal(["640x480, empty, still", "640x480, 4 people", "640x480, 4 people, night (grey)"], rows.Select(row => row.Split('|')[1].Trim()));
        // The detector still finds the four people at night, so the grey model is timed on their faces.
        Assert.Equal("4.0", rows[2].Split('|')[3].Trim());
    }
}
