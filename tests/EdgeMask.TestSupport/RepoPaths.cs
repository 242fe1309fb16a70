using Xunit;

namespace EdgeMask.TestSupport;

/// <summary>Locates the repository and its sibling ../shared folder from a test's working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds EdgeMask.sln.</summary>
    public static string Root => RootLazy.Value;

    public static string Models => Path.Combine(Root, "models");

    /// <summary>../shared beside the repository, or EDGEMASK_SHARED when set; null when absent (a fresh clone).</summary>
    public static string? Shared
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("EDGEMASK_SHARED");
            if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
            {
                return fromEnv;
            }

            var sibling = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(sibling) ? sibling : null;
        }
    }

    /// <summary>The mask-crops data set (with_mask/, without_mask/), or null when absent.</summary>
    public static string? MaskCrops
    {
        get
        {
            var shared = Shared;
            if (shared is null)
            {
                return null;
            }

            var path = Path.Combine(shared, "datasets", "mask-crops");
            return Directory.Exists(Path.Combine(path, "with_mask")) ? path : null;
        }
    }

    /// <summary>Skips the calling test, with the reason, when the shared data set is absent.</summary>
    public static string RequireMaskCrops()
    {
        var path = MaskCrops;
        Skip.If(path is null, "../shared/datasets/mask-crops is absent (a fresh clone has no ../shared); set EDGEMASK_SHARED to run this test.");
        return path!;
    }

    /// <summary>A fresh empty folder under the system temp folder, for one test.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeMask.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"EdgeMask.sln not found above {AppContext.BaseDirectory}.");
    }
}
