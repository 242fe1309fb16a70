using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// The arm64 publish and package, and the published daemon's check-config (YuNet and the classifier run once in ONNX
/// Runtime) under qemu-user emulating a Raspberry Pi 4's Cortex-A72 (<see cref="EmulationSysroot"/>).
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class Arm64BuildTests : IDisposable
{
    private readonly string _work = RepoPaths.NewTempDirectory("arm64");

    [Fact]
    public async Task PublishAndPackage_Arm64_CheckConfigRunsYuNetAndTheClassifierUnderEmulation()
    {
        var qemu = SystemTools.Require("qemu-aarch64-static");
        var sysroot = await EmulationSysroot.CreateAsync(_work);
        var publish = Path.Combine(_work, "publish");

        await Command.RunCheckedAsync(Path.Combine(RepoPaths.Root, "deploy", "publish.sh"), ["linux-arm64", publish], TimeSpan.FromMinutes(15));
        var deb = (await Command.RunCheckedAsync(
            Path.Combine(RepoPaths.Root, "deploy", "build-deb.sh"),
            ["arm64", "--publish-dir", publish, "--output", Path.Combine(_work, "debs"), "--compression", "gzip"],
            TimeSpan.FromMinutes(10))).Trim().Split('\n').Last();

        Assert.Equal("arm64", (await Command.RunCheckedAsync("dpkg-deb", ["--field", deb, "Architecture"], TimeSpan.FromMinutes(1))).Trim());
        Assert.Contains("libonnxruntime.so", Directory.GetFiles(publish).Select(Path.GetFileName));

        // No arm64 OpenCvSharp runtime on NuGet: the native wrapper is built on the device, never shipped.
        Assert.False(File.Exists(Path.Combine(publish, "libOpenCvSharpExtern.so")));

        var (exitCode, output) = await Command.RunAsync(
            qemu,
            [Path.Combine(publish, "edgemask"), "check-config"],
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string>
            {
                ["QEMU_LD_PREFIX"] = sysroot,
                ["QEMU_CPU"] = "cortex-a72",
                // qemu-user cannot emulate the JIT's double-mapped W^X pages.
                ["DOTNET_EnableWriteXorExecute"] = "0",
            });

        Assert.True(exitCode == 0, $"edgemask check-config under qemu exited {exitCode}:\n{output}");
        Assert.Contains("configuration is valid", output, StringComparison.Ordinal);

        // check-config runs YuNet once in ONNX Runtime on a fixed test pattern: the arm64 natives must execute the
        // model and agree with this machine's x64 build.
        var (x64ExitCode, x64Output) = await Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgemask.dll"), "check-config"], TimeSpan.FromMinutes(2));
        Assert.True(x64ExitCode == 0, x64Output);
        var arm64Score = TestPatternScore(output);
        var x64Score = TestPatternScore(x64Output);
        Assert.True(Math.Abs(arm64Score - x64Score) < 1e-3, $"YuNet's test pattern score is {arm64Score} on arm64 but {x64Score} on x64");
        Assert.Contains("mask classifier:", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static double TestPatternScore(string checkConfigOutput)
    {
        var match = System.Text.RegularExpressions.Regex.Match(checkConfigOutput, @"face detector: yunet .*test pattern top score ([0-9.]+)");
        Assert.True(match.Success, $"check-config did not report YuNet's test run:\n{checkConfigOutput}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
