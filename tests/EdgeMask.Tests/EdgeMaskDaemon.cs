using System.Text.Json.Nodes;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

/// <summary>Runs the real <c>edgemask</c> program (the build output beside this test assembly) as a child process.</summary>
internal static class EdgeMaskDaemon
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "edgemask.dll");

    /// <summary>A configuration file for tests: outputs that need hardware or a broker are off unless set.</summary>
    public static string WriteConfig(string directory, JsonObject settings)
    {
        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft"] = "Warning" } },
            ["Mqtt"] = new JsonObject { ["Enabled"] = false },
            ["Signals"] = new JsonObject { ["Driver"] = "Simulated" },
            ["Web"] = new JsonObject { ["Enabled"] = false },
            ["Snapshots"] = new JsonObject { ["Enabled"] = false },
        };
        Merge(root, settings);
        var path = Path.Combine(directory, "appsettings.test.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    public static ProcessRunner Start(params string[] arguments) =>
        ProcessRunner.Start("dotnet", [Dll, .. arguments], new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        await using var process = Start(arguments);
        var exitCode = await process.WaitForExitAsync(timeout);
        return (exitCode, process.Output);
    }

    /// <summary>Deep-merges <paramref name="source"/> into <paramref name="target"/>: objects key by key, other values replaced.</summary>
    public static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToArray())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
