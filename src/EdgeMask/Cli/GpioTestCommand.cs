using System.CommandLine;
using EdgeMask.Hosting;
using EdgeMask.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Cli;

/// <summary><c>edgemask gpio-test</c>: cycles every configured output once, for installers wiring a device.</summary>
public static class GpioTestCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var command = new Command("gpio-test", "Turn each configured LED and the buzzer on for a moment, one after another.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = EdgeMaskHost.BuildValidatedServices(parse.GetValue(config)?.FullName, new Dictionary<string, string?> { ["Signals:Enabled"] = "true" });
                var tester = services.GetRequiredService<OutputTester>();
                var report = await tester.CycleAllAsync(cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"cycled {string.Join(", ", report.OutputsCycled)} on {report.Driver}").ConfigureAwait(false);
                if (report.Simulated)
                {
                    // Nothing physical moved: an installer must not take this run as a wiring check.
                    await Console.Error.WriteLineAsync("edgemask: no GPIO chip was usable, the outputs were simulated; check Signals:Driver and Signals:GpioChip").ConfigureAwait(false);
                    return ExitCodes.Unavailable;
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
            {
                await Console.Error.WriteLineAsync($"edgemask: {failure.Message}").ConfigureAwait(false);
                return failure.ExitCode;
            }
        });
        return command;
    }
}
