using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EdgeMask.Benchmarks;

/// <summary>
/// A short job run in this process: 3 warm-up and 3 measured iterations of about half a second each, so the whole set
/// takes minutes on a 2-core machine. In-process skips BenchmarkDotNet's per-run project build; the price is that
/// all benchmarks share one process (its JIT state and native libraries), which is acceptable for stage timings.
/// BenchmarkDotNet options on the command line (--job, --iterationCount, --exporters...) still apply.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithArtifactsPath(ArtifactsPath());

    // The repository's git-ignored artifacts/ folder, wherever the command runs from; else the working folder.
    private static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeMask.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts", "benchmarks");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }
}
