using System.CommandLine;
using EdgeMask.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeMask.Cli;

/// <summary><c>edgemask run</c>: the daemon.</summary>
public static class RunCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var command = new Command("run", "Run the sentinel daemon (the default command).");
        command.SetAction((parse, cancellationToken) =>
            RunHostAsync(parse.GetValue(config)?.FullName, overrides: null, configure: null, cancellationToken));
        return command;
    }

    /// <summary>Builds and runs the host until it stops; start-up failures become one line on stderr and an exit code.</summary>
    public static async Task<int> RunHostAsync(
        string? configFile,
        IReadOnlyDictionary<string, string?>? overrides,
        Action<IServiceCollection>? configure,
        CancellationToken cancellationToken)
    {
        try
        {
            var builder = EdgeMaskHost.CreateBuilder(configFile, overrides);
            configure?.Invoke(builder.Services);
            using var host = builder.Build();
            // Not RunAsync: it disposes the host, and the services are still needed to report a crashed stage.
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return FaultOf(host) is { } fault ? Report(fault) : ExitCodes.Success;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync(FatalLine.Format(failure.Message)).ConfigureAwait(false);
            return failure.ExitCode;
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync(FatalLine.Format(ex.Message)).ConfigureAwait(false);
            return ExitCodes.NoInput;
        }
    }

    // A background service that crashed stops the host; report it instead of exiting 0.
    private static Exception? FaultOf(IHost host) =>
        host.Services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Select(s => s.ExecuteTask)
            .FirstOrDefault(t => t is { IsFaulted: true })?.Exception?.GetBaseException();

    private static int Report(Exception fault)
    {
        if (StartupFailure.TryExplain(fault) is { } failure)
        {
            Console.Error.WriteLine(FatalLine.Format(failure.Message));
            return failure.ExitCode;
        }

        // Not a known start-up problem: keep the stack for the bug report.
        Console.Error.WriteLine(FatalLine.Format($"stopped after an error: {fault.Message}"));
        Console.Error.WriteLine(fault.ToString());
        return ExitCodes.Failure;
    }
}
