using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed partial class DebianPackageTests(AmdPackageFixture package) : IClassFixture<AmdPackageFixture>
{
    private const string Conffile = "/etc/edgemask/appsettings.json";

    [Fact]
    public async Task Contents_DaemonCommandUnitAndConfig_WithRootOwnerAndModes()
    {
        var entries = await ContentsAsync();

        Assert.Equal("-rwxr-xr-x", entries["./usr/lib/edgemask/edgemask"].Mode);
        Assert.Equal("-rw-r--r--", entries["./etc/edgemask/appsettings.json"].Mode);
        Assert.Equal("-rw-r--r--", entries["./lib/systemd/system/edgemask.service"].Mode);
        Assert.Equal("-rwxr-xr-x", entries["./usr/lib/edgemask/deploy/build-opencvsharp-arm64.sh"].Mode);
        Assert.Equal("lrwxrwxrwx", entries["./usr/bin/edgemask"].Mode);
        Assert.EndsWith("-> ../lib/edgemask/edgemask", entries["./usr/bin/edgemask"].Path, StringComparison.Ordinal);
        Assert.Contains(entries.Keys, path => path.StartsWith("./usr/lib/edgemask/models/", StringComparison.Ordinal) && path.EndsWith(".onnx", StringComparison.Ordinal));
        Assert.Contains("./usr/lib/edgemask/libOpenCvSharpExtern.so", entries.Keys);
        Assert.All(entries.Values, entry => Assert.Equal("root/root", entry.Owner));
        Assert.DoesNotContain(entries.Values, entry => entry.Mode[0] == '-' && entry.Mode != "-rw-r--r--" && entry.Mode != "-rwxr-xr-x");

        // Debian's documentation files and a man page; nothing the device does not run.
        foreach (var path in new[] { "./usr/share/doc/edgemask/copyright", "./usr/share/doc/edgemask/changelog.gz", "./usr/share/man/man1/edgemask.1.gz" })
        {
            Assert.Contains(path, entries.Keys);
        }

        Assert.DoesNotContain(entries.Keys, path => path.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.DoesNotContain("./usr/lib/edgemask/models/mask_classifier.fp32.onnx", entries.Keys);
        Assert.DoesNotContain("./usr/lib/edgemask/models/mask_classifier.grey.fp32.onnx", entries.Keys);
        Assert.Contains("./usr/lib/edgemask/models/mask_classifier.int8.onnx", entries.Keys);
        Assert.Contains("./usr/lib/edgemask/models/mask_classifier.grey.int8.onnx", entries.Keys);
    }

    [Fact]
    public async Task Lintian_ReportsNoErrorOrWarning_BeyondTheListedOverrides()
    {
        var (exitCode, output) = await Command.RunAsync(SystemTools.Require("lintian"), ["--tag-display-limit", "0", package.Package], TimeSpan.FromMinutes(5));

        var findings = output.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal) || l.StartsWith("W: ", StringComparison.Ordinal)).ToList();
        Assert.True(findings.Count == 0 && exitCode == 0, $"lintian exit {exitCode}:\n{output}");
    }

    [Fact]
    public async Task ManPage_NamesEveryCommandOfTheProgramsHelp()
    {
        var help = await Command.RunCheckedAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgemask.dll"), "--help"], TimeSpan.FromMinutes(1));
        var commands = Regex.Match(help, @"Commands:\s*\n(?<list>(?:\s+\S.*\n?)+)").Groups["list"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')[0]).ToList();
        var manPage = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "debian", "edgemask.1"));

        Assert.Contains("forget-home-assistant", commands);
        Assert.All(commands, command => Assert.Contains($".B {command}", manPage.Replace(".BI ", ".B ", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Control_ConffilesDependsAndVersion()
    {
        var conffiles = await Command.RunCheckedAsync("dpkg-deb", ["--info", package.Package, "conffiles"], TimeSpan.FromMinutes(1));
        var depends = await Command.RunCheckedAsync("dpkg-deb", ["--field", package.Package, "Depends"], TimeSpan.FromMinutes(1));
        var projectVersion = await Command.RunCheckedAsync("dotnet", ["msbuild", "src/EdgeMask/EdgeMask.csproj", "-getProperty:Version", "-nologo"], TimeSpan.FromMinutes(2));

        Assert.Equal(Conffile, conffiles.Trim());
        var md5sums = await Command.RunCheckedAsync("dpkg-deb", ["--info", package.Package, "md5sums"], TimeSpan.FromMinutes(1));
        Assert.Matches(@"(?m)^[0-9a-f]{32}  usr/lib/edgemask/edgemask$", md5sums);
        Assert.DoesNotContain("etc/edgemask", md5sums, StringComparison.Ordinal);
        // From dpkg-shlibdeps: every library the natives link, with version floors (libatomic1 and libdrm2 were
        // missing from the hand-written list), plus what the runtime opens at run time.
        foreach (var dependency in new[] { "opencv-data", "libgtk-3-0 (>= ", "ca-certificates", "libssl3", "passwd", "libatomic1 (>= ", "libdrm2 (>= ", "libc6 (>= ", "libstdc++6 (>= ", "init-system-helpers" })
        {
            Assert.Contains(dependency, depends, StringComparison.Ordinal);
        }

        Assert.Equal(projectVersion.Trim(), package.ProjectVersion);
    }

    [Fact]
    public async Task Install_IntoThrowawayRoot_CreatesServiceUserAndEnablesUnit()
    {
        using var root = new ThrowawayRoot();

        await root.DpkgAsync("--install", package.Package);

        Assert.Matches(@"(?m)^edgemask:x:\d+:\d+:[^:]*:/var/lib/edgemask:/usr/sbin/nologin$", File.ReadAllText(root.At("etc/passwd")));
        var groups = File.ReadAllText(root.At("etc/group"));
        Assert.Matches(@"(?m)^video:x:44:edgemask$", groups);
        Assert.Matches(@"(?m)^gpio:x:\d+:edgemask$", groups);
        Assert.Equal("/lib/systemd/system/edgemask.service", new FileInfo(root.At("etc/systemd/system/multi-user.target.wants/edgemask.service")).LinkTarget);
        Assert.True(File.Exists(root.At("usr/lib/edgemask/edgemask")));
        var config = root.At("etc/edgemask/appsettings.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(config));

        // Every installed file matches the package's md5sums.
        await root.DpkgAsync("--verify", "edgemask");
        var edgemaskGid = Regex.Match(groups, @"(?m)^edgemask:x:(\d+):").Groups[1].Value;
        Assert.Equal(edgemaskGid, (await Command.RunAsync("stat", ["-c", "%u:%g", config], TimeSpan.FromSeconds(10))).Output.Trim().Split(':')[1]);
    }

    [Fact]
    public async Task Upgrade_WithEditedConfig_KeepsEditsOutboxAndUser()
    {
        using var root = new ThrowawayRoot();
        await root.DpkgAsync("--install", package.Package);
        const string edited = "{ \"Capture\": { \"Device\": \"/dev/video2\" } }\n";
        File.WriteAllText(root.At("etc/edgemask/appsettings.json"), edited);
        Directory.CreateDirectory(root.At("var/lib/edgemask/outbox"));
        File.WriteAllText(root.At("var/lib/edgemask/outbox/000001.json"), "{}");
        var passwd = File.ReadAllText(root.At("etc/passwd"));

        var output = await root.DpkgAsync("--install", package.UpgradePackage);

        Assert.Contains($"Unpacking edgemask ({AmdPackageFixture.UpgradeVersion}) over ({package.ProjectVersion})", output, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(root.At("etc/edgemask/appsettings.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(root.At("etc/edgemask/appsettings.json")));
        Assert.True(File.Exists(root.At("var/lib/edgemask/outbox/000001.json")));
        Assert.Equal(passwd, File.ReadAllText(root.At("etc/passwd")));
        Assert.Matches($@"(?m)^Version: {Regex.Escape(AmdPackageFixture.UpgradeVersion)}$", File.ReadAllText(root.At("var/lib/dpkg/status")));
    }

    [Fact]
    public async Task Remove_KeepsConfigAndState_PurgeDeletesThemAndTheUser()
    {
        using var root = new ThrowawayRoot();
        await root.DpkgAsync("--install", package.Package);
        Directory.CreateDirectory(root.At("var/lib/edgemask/outbox"));

        await root.DpkgAsync("--remove", "edgemask");

        Assert.False(File.Exists(root.At("usr/lib/edgemask/edgemask")));

        // Debian's convention (deb-systemd-helper): removed = masked, so a left-over enable link starts nothing.
        Assert.Equal("/dev/null", new FileInfo(root.At("etc/systemd/system/edgemask.service")).LinkTarget);
        Assert.True(File.Exists(root.At("etc/edgemask/appsettings.json")));
        Assert.True(Directory.Exists(root.At("var/lib/edgemask/outbox")));

        await root.DpkgAsync("--purge", "edgemask");

        Assert.False(File.Exists(root.At("etc/edgemask/appsettings.json")));
        Assert.False(Directory.Exists(root.At("var/lib/edgemask")));
        Assert.Null(new FileInfo(root.At("etc/systemd/system/multi-user.target.wants/edgemask.service")).LinkTarget);
        Assert.Null(new FileInfo(root.At("etc/systemd/system/edgemask.service")).LinkTarget);
        Assert.DoesNotMatch("(?m)^edgemask:", File.ReadAllText(root.At("etc/passwd")));

        // The gpio group was made by the package (the throwaway root had none), so purge takes it away again.
        Assert.DoesNotMatch("(?m)^gpio:", File.ReadAllText(root.At("etc/group")));
    }

    private async Task<Dictionary<string, (string Mode, string Owner, string Path)>> ContentsAsync()
    {
        var listing = await Command.RunCheckedAsync("dpkg-deb", ["--contents", package.Package], TimeSpan.FromMinutes(2));
        var entries = new Dictionary<string, (string Mode, string Owner, string Path)>(StringComparer.Ordinal);
        foreach (Match line in ContentsLine().Matches(listing))
        {
            var path = line.Groups["path"].Value;
            var name = path.Split(" -> ")[0];
            entries[name] = (line.Groups["mode"].Value, line.Groups["owner"].Value, path);
        }

        Assert.NotEmpty(entries);
        return entries;
    }

    // e.g. "-rwxr-xr-x root/root     72568 2026-11-27 06:58 ./usr/lib/edgemask/edgemask"
    [GeneratedRegex(@"(?m)^(?<mode>[-dl][rwxsStT-]{9}) (?<owner>\S+)\s+\d+ \S+ \S+ (?<path>.+?)\s*$")]
    private static partial Regex ContentsLine();
}
