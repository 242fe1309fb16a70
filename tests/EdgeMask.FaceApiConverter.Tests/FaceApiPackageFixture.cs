using System.Diagnostics;
using EdgeMask.FaceApiConverter;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// The pinned face-api package installed in tests/faceapi-reference (npm ci once, from its committed lock file),
/// and both detectors converted from its model/ folder into a temp folder.
/// </summary>
public sealed class FaceApiPackageFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string ReferenceDirectory => Path.Combine(RepoPaths.Root, "tests", "faceapi-reference");

    /// <summary>Why the package could not be prepared (no node/npm), or null when it is ready.</summary>
    public string? SkipReason { get; private set; }

    public string ModelDirectory => Path.Combine(ReferenceDirectory, "node_modules", "@vladmandic", "face-api", "model");

    public string ConvertedDirectory { get; } = RepoPaths.NewTempDirectory("faceapi-onnx");

    public string TinyModelPath => Path.Combine(ConvertedDirectory, FaceApiModelConverter.TinyOutputFileName);

    public string SsdModelPath => Path.Combine(ConvertedDirectory, FaceApiModelConverter.SsdOutputFileName);

    public async Task InitializeAsync()
    {
        var node = SystemTools.Which("node");
        var npm = SystemTools.Which("npm");
        if (node is null || npm is null)
        {
            SkipReason = "node and npm are needed to install @vladmandic/face-api and run its JavaScript reference; install nodejs (Debian: apt-get install nodejs npm).";
            return;
        }

        // Several test classes create this fixture at the same time; two npm ci runs in one folder break each other.
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(ModelDirectory, TinyFaceDetectorGraph.ManifestFileName)))
            {
                var result = await ProcessRunner.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], ReferenceDirectory, TimeSpan.FromMinutes(5));
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {ReferenceDirectory} failed ({result.ExitCode}): {result.StandardError}");
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }

        FaceApiModelConverter.Convert(ModelDirectory, ConvertedDirectory, FaceApiPackage.ModelFileSha256);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(ConvertedDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Runs a child process to completion without blocking a thread, with a timeout.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        using var cancellation = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
