using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>The "Mqtt" configuration section: broker connection, topics, outbox, Home Assistant, commands.</summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Publish over MQTT at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Broker host name or address. Default "localhost".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:Host is required")]
    public string Host { get; set; } = "localhost";

    /// <summary>Broker TCP port. Default 1883 (use 8883 with TLS); range 1-65535.</summary>
    [Range(1, 65535, ErrorMessage = "Mqtt:Port must be 1-65535")]
    public int Port { get; set; } = 1883;

    /// <summary>311 for MQTT 3.1.1 or 500 for MQTT 5. Default 500.</summary>
    public int ProtocolVersion { get; set; } = 500;

    /// <summary>MQTT client id. Default "edgemask-{DeviceId}"; must be unique on the broker.</summary>
    public string? ClientId { get; set; }

    /// <summary>Device id used in topics and Home Assistant ids ([A-Za-z0-9_-], 1-64 chars). Default: the host name, sanitised, and six hex digits from the machine id (DeviceIds.Default).</summary>
    public string? DeviceId { get; set; }

    /// <summary>Prefix of every topic this device publishes. Default "edgemask/{DeviceId}".</summary>
    public string? TopicPrefix { get; set; }

    /// <summary>User name for the broker; none by default (anonymous).</summary>
    public string? Username { get; set; }

    /// <summary>File whose content (trailing newline removed) is the password. Preferred over the other sources.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Environment variable holding the password. Default "EDGEMASK_MQTT_PASSWORD"; used when PasswordFile is unset.</summary>
    public string? PasswordEnvironmentVariable { get; set; } = "EDGEMASK_MQTT_PASSWORD";

    /// <summary>Plain password; last resort (check-config masks it). Prefer PasswordFile or the environment variable.</summary>
    public string? Password { get; set; }

    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>MQTT keep-alive period. Default 30 s; range 5 s - 30 min.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00", ErrorMessage = "Mqtt:KeepAlive must be 00:00:05-00:30:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay before reconnecting; doubles up to ReconnectMaxDelay. Default 1 s; range 50 ms - 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Mqtt:ReconnectMinDelay must be 00:00:00.050-00:10:00")]
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnect attempts. Default 60 s; range 100 ms - 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Mqtt:ReconnectMaxDelay must be 00:00:00.100-01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often stats are published. Default 30 s; range 1 s - 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Mqtt:StatsInterval must be 00:00:01-01:00:00")]
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Publish each incident's snapshot (JPEG, retained) on {prefix}/snapshot and announce it to Home Assistant as an
    /// image entity. Default false: pictures of people stay on the device unless this is turned on.
    /// </summary>
    public bool PublishSnapshots { get; set; }

    public MqttOutboxOptions Outbox { get; set; } = new();

    public HomeAssistantOptions HomeAssistant { get; set; } = new();

    public MqttCommandOptions Commands { get; set; } = new();

    public EmbeddedBrokerOptions EmbeddedBroker { get; set; } = new();
}
