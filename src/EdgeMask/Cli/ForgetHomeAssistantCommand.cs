using System.CommandLine;
using EdgeMask.Hosting;
using EdgeMask.Mqtt;
using EdgeMask.Mqtt.HomeAssistant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask forget-home-assistant</c>: clears this device's retained discovery configs and state from the broker,
/// so no ghost device stays in Home Assistant. The package's prerm runs it (best effort) when it is removed.
/// </summary>
public static class ForgetHomeAssistantCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var command = new Command("forget-home-assistant", "Clear this device's retained Home Assistant discovery configs, availability, state and stats from the broker.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = EdgeMaskHost.BuildValidatedServices(parse.GetValue(config)?.FullName);
                var options = services.GetRequiredService<IOptions<MqttOptions>>().Value;
                if (!options.Enabled)
                {
                    await Console.Out.WriteLineAsync("MQTT is off (Mqtt:Enabled is false): nothing was published, nothing to clear").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var cleared = await services.GetRequiredService<HomeAssistantForgetter>().ForgetAsync(cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"cleared {cleared} retained topics of device '{options.DeviceId}' on {options.Host}:{options.Port}").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
            {
                await Console.Error.WriteLineAsync($"edgemask: {failure.Message}").ConfigureAwait(false);
                return failure.ExitCode;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"edgemask: could not reach the broker to clear Home Assistant's entries: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }
}
