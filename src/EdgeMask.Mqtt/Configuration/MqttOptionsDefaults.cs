using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt;

/// <summary>Fills the defaults that derive from other keys: DeviceId from the host name and machine id, then TopicPrefix and ClientId.</summary>
internal sealed class MqttOptionsDefaults : IPostConfigureOptions<MqttOptions>
{
    public void PostConfigure(string? name, MqttOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DeviceId))
        {
            options.DeviceId = DeviceIds.Default();
        }

        if (string.IsNullOrWhiteSpace(options.TopicPrefix))
        {
            options.TopicPrefix = $"edgemask/{options.DeviceId}";
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            options.ClientId = $"edgemask-{options.DeviceId}";
        }
    }
}
