using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// Publishes the daemon for linux-x64 once (minutes) and builds two .deb files from it: the project's version
/// and a later one for upgrade tests. gzip keeps the build quick; the release default is xz.
/// </summary>
public sealed class AmdPackageFixture : IAsyncLifetime
{
    public const string UpgradeVersion = "99.0.0";

    private readonly string _work = RepoPaths.NewTempDirectory("deb-amd64");

    public string PublishDirectory => Path.Combine(_work, "publish");

    public string Package { get; private set; } = "";

    public string UpgradePackage { get; private set; } = "";

    public string ProjectVersion { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var deploy = Path.Combine(RepoPaths.Root, "deploy");
        await Command.RunCheckedAsync(Path.Combine(deploy, "publish.sh"), ["linux-x64", PublishDirectory], TimeSpan.FromMinutes(15));
        Package = await BuildAsync([]);
        UpgradePackage = await BuildAsync(["--version", UpgradeVersion]);
        ProjectVersion = (await Command.RunCheckedAsync("dpkg-deb", ["--field", Package, "Version"], TimeSpan.FromMinutes(1))).Trim();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<string> BuildAsync(string[] extra)
    {
        var output = await Command.RunCheckedAsync(
            Path.Combine(RepoPaths.Root, "deploy", "build-deb.sh"),
            ["amd64", "--publish-dir", PublishDirectory, "--output", Path.Combine(_work, "debs"), "--compression", "gzip", .. extra],
            TimeSpan.FromMinutes(10));
        var deb = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.True(File.Exists(deb), $"build-deb.sh did not report a package:\n{output}");
        return deb;
    }
}
