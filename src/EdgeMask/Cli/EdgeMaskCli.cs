using System.CommandLine;
using EdgeMask.Hosting;

namespace EdgeMask.Cli;

/// <summary>The <c>edgemask</c> command line: the daemon and the tools around it.</summary>
public static class EdgeMaskCli
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        EdgeMask.Classification.OnnxRuntimeTelemetry.TurnOff();
        var root = Build();

        // The host handles SIGTERM/SIGINT itself (systemd stop, Ctrl+C) and shuts the pipeline down in order.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        var parse = root.Parse(args);

        // An unknown command or a missing argument is a usage error: sysexits' 64, which the README promises.
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"edgemask: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'edgemask --help' for the commands and their options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }

    public static RootCommand Build()
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = $"Configuration file layered over the shipped appsettings.json instead of {Configuration.EdgeMaskConfiguration.SystemConfigFile}",
            Recursive = true,
        };

        var root = new RootCommand("EdgeMask: an entrance sentinel that watches a camera for masks and distance.");
        root.Options.Add(config);

        var run = RunCommand.Create(config);
        root.Subcommands.Add(run);
        root.Subcommands.Add(ReplayCommand.Create(config));
        root.Subcommands.Add(CheckConfigCommand.Create(config));
        root.Subcommands.Add(CalibrateCommand.Create(config));
        root.Subcommands.Add(GpioTestCommand.Create(config));
        root.Subcommands.Add(EvaluateCommand.Create(config));
        root.Subcommands.Add(BenchCommand.Create(config));
        root.Subcommands.Add(ForgetHomeAssistantCommand.Create(config));
        root.Subcommands.Add(HashPasswordCommand.Create());

        // `edgemask` with no command runs the daemon.
        root.Action = run.Action;
        return root;
    }
}
