using System.CommandLine;

namespace EdgeMask.Cli;

/// <summary>The <c>edgemask</c> command line: the daemon and the tools around it.</summary>
public static class EdgeMaskCli
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Build();

        // The host handles SIGTERM/SIGINT itself (systemd stop, Ctrl+C) and shuts the pipeline down in order.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
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

        // `edgemask` with no command runs the daemon.
        root.Action = run.Action;
        return root;
    }
}
