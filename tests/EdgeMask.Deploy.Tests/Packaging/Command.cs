using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>Runs a program to completion and returns its exit code and output.</summary>
public static class Command
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        await using var process = ProcessRunner.Start(program, arguments, environment, RepoPaths.Root);
        var exitCode = await process.WaitForExitAsync(timeout);
        return (exitCode, process.Output);
    }

    /// <summary>Runs the program and fails with its output unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var (exitCode, output) = await RunAsync(program, arguments, timeout, environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        }

        return output;
    }
}
