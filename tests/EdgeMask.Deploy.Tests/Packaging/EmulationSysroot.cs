using System.Globalization;
using System.Text;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// A folder for QEMU_LD_PREFIX that lets qemu-user run the arm64 daemon as a Raspberry Pi 4 would: Debian's arm64 C
/// and C++ runtimes (libc6-arm64-cross, libstdc++6-arm64-cross), Debian's arm64 OpenSSL (.NET hashes with it: the model
/// checksums), fetched with apt into a private list folder without touching the machine's dpkg set-up, and a Cortex-A72
/// /proc/cpuinfo. qemu-user 7.2 passes the host's x86 /proc/cpuinfo through, and ONNX Runtime's CPU detection
/// (cpuinfo) dereferences null on it; qemu looks files up under the prefix first, so the Pi's cpuinfo is what it reads.
/// </summary>
internal static class EmulationSysroot
{
    public const string CrossRuntime = "/usr/aarch64-linux-gnu";

    public static async Task<string> CreateAsync(string directory)
    {
        Assert.True(File.Exists(Path.Combine(CrossRuntime, "lib", "libstdc++.so.6")), "install libc6-arm64-cross and libstdc++6-arm64-cross");
        var root = Path.Combine(directory, "sysroot");
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        File.CreateSymbolicLink(Path.Combine(root, "lib"), Path.Combine(CrossRuntime, "lib"));
        await File.WriteAllTextAsync(Path.Combine(root, "proc", "cpuinfo"), RaspberryPi4CpuInfo(Environment.ProcessorCount));

        var apt = Path.Combine(directory, "apt");
        Directory.CreateDirectory(Path.Combine(apt, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(apt, "cache", "archives", "partial"));
        string[] options =
        [
            "-o", $"Dir::State::Lists={apt}/lists", "-o", $"Dir::Cache={apt}/cache", "-o", "Dir::State::status=/dev/null",
            "-o", "APT::Architecture=arm64", "-o", "APT::Architectures::=arm64", "-o", "Debug::NoLocking=1", "-qq",
        ];
        await Command.RunCheckedAsync("apt-get", [.. options, "update"], TimeSpan.FromMinutes(5));
        var downloads = Path.Combine(directory, "debs");
        Directory.CreateDirectory(downloads);
        await Command.RunCheckedAsync("sh", ["-c", $"cd '{downloads}' && apt-get {string.Join(' ', options.Select(o => $"'{o}'"))} download libssl3"], TimeSpan.FromMinutes(5));
        var deb = Assert.Single(Directory.GetFiles(downloads, "libssl3_*_arm64.deb"));
        await Command.RunCheckedAsync("dpkg-deb", ["-x", deb, root], TimeSpan.FromMinutes(1));
        return root;
    }

    private static string RaspberryPi4CpuInfo(int processors)
    {
        var text = new StringBuilder();
        for (var i = 0; i < processors; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"processor\t: {i}\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\n")
                .Append("CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n");
        }

        return text.Append("Hardware\t: BCM2835\nRevision\t: c03111\nModel\t\t: Raspberry Pi 4 Model B Rev 1.1\n").ToString();
    }
}
