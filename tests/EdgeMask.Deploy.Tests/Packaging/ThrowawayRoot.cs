using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// An empty Debian root for <c>dpkg --root</c>: a dpkg database and the account files a base system has.
/// Maintainer scripts run on this machine with DPKG_ROOT set (--force-script-chrootless) and edit only this root.
/// </summary>
public sealed class ThrowawayRoot : IDisposable
{
    public ThrowawayRoot()
    {
        Path = RepoPaths.NewTempDirectory("dpkg-root");
        foreach (var dir in new[] { "var/lib/dpkg/updates", "var/lib/dpkg/info", "var/log", "etc" })
        {
            Directory.CreateDirectory(At(dir));
        }

        File.WriteAllText(At("var/lib/dpkg/status"), "");
        File.WriteAllText(At("var/lib/dpkg/available"), "");
        File.WriteAllText(At("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(At("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(At("etc/group"), "root:x:0:\nvideo:x:44:\n");
        File.WriteAllText(At("etc/gshadow"), "root:*::\nvideo:*::\n");
    }

    public string Path { get; }

    public string At(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Runs dpkg on this root; dependencies are not installed here, so they are not enforced.</summary>
    public Task<string> DpkgAsync(params string[] arguments) =>
        Command.RunCheckedAsync(
            "dpkg",
            [$"--root={Path}", $"--log={At("var/log/dpkg.log")}", "--force-script-chrootless", "--force-depends", "--force-not-root", "--force-confold", .. arguments],
            TimeSpan.FromMinutes(5));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
