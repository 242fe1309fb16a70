using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// The arm64 publish and package, and the published daemon started under qemu-user with Debian's arm64 sysroot
/// (qemu-user-static, libc6-arm64-cross, libstdc++6-arm64-cross).
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class Arm64BuildTests : IDisposable
{
    private readonly string _work = RepoPaths.NewTempDirectory("arm64");

    [Fact]
    public async Task PublishAndPackage_Arm64_CheckConfigRunsUnderEmulation()
    {
        var qemu = SystemTools.Require("qemu-aarch64-static");
        const string sysroot = "/usr/aarch64-linux-gnu";
        Assert.True(File.Exists(Path.Combine(sysroot, "lib", "libstdc++.so.6")), "install libc6-arm64-cross and libstdc++6-arm64-cross");
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
                // qemu-user cannot emulate the JIT's double-mapped W^X pages.
                ["DOTNET_EnableWriteXorExecute"] = "0",
            });

        Assert.True(exitCode == 0, $"edgemask check-config under qemu exited {exitCode}:\n{output}");
        Assert.Contains("configuration is valid", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
