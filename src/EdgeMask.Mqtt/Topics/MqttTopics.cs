namespace EdgeMask.Mqtt;

/// <summary>Every topic this device publishes to or listens on, built from one prefix. The only place topics are formatted.</summary>
public sealed class MqttTopics
{
    public const string CommandLevel = "set";

    public MqttTopics(string prefix, string deviceId, string discoveryPrefix = "homeassistant")
    {
        Prefix = prefix;
        DeviceId = deviceId;
        DiscoveryPrefix = discoveryPrefix;
    }

    public static MqttTopics From(MqttOptions options) =>
        new(options.TopicPrefix ?? $"edgemask/{options.DeviceId}", options.DeviceId ?? DeviceIds.Default(), options.HomeAssistant.DiscoveryPrefix);

    public string Prefix { get; }

    public string DeviceId { get; }

    public string DiscoveryPrefix { get; }

    /// <summary>Retained "online"/"offline"; "offline" is also the Last Will.</summary>
    public string Availability => $"{Prefix}/availability";

    /// <summary>Incident events, QoS 1, not retained.</summary>
    public string Events => $"{Prefix}/events";

    /// <summary>Retained current state, including the last command acknowledgement.</summary>
    public string State => $"{Prefix}/state";

    public string Stats => $"{Prefix}/stats";

    public string Summary => $"{Prefix}/summary";

    /// <summary>The latest incident snapshot as JPEG bytes, retained; only with Mqtt:PublishSnapshots.</summary>
    public string Snapshot => $"{Prefix}/snapshot";

    /// <summary>JSON commands: {"buzzer_muted": "ON", ...}.</summary>
    public string CommandRoot => $"{Prefix}/{CommandLevel}";

    /// <summary>Subscription filter for single-value commands, e.g. {prefix}/set/buzzer_muted.</summary>
    public string CommandFilter => $"{Prefix}/{CommandLevel}/#";

    public string Command(string name) => $"{CommandRoot}/{name}";

    /// <summary>{discovery_prefix}/{component}/{device_id}/{object_id}/config</summary>
    public string Discovery(string component, string objectId) => $"{DiscoveryPrefix}/{component}/{DeviceId}/{objectId}/config";

    /// <summary>
    /// Splits a received command topic: "" for the JSON command topic, the rest after "{prefix}/set/" for a single-value
    /// command (which may itself contain '/', making it unknown). False when the topic is not a command topic.
    /// </summary>
    public bool TryGetCommandName(string topic, out string name)
    {
        name = string.Empty;
        if (topic == CommandRoot)
        {
            return true;
        }

        var single = CommandRoot + "/";
        if (topic.StartsWith(single, StringComparison.Ordinal))
        {
            name = topic[single.Length..];
            return true;
        }

        return false;
    }
}
