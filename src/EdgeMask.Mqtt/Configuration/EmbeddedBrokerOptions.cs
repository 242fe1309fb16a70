using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>
/// The "Mqtt:EmbeddedBroker" section: an MQTT broker inside the daemon for a standalone sentinel. Plain TCP always;
/// MQTT over WebSocket too when <see cref="WebSocket"/> is enabled (for browser dashboards).
/// </summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Run the embedded broker. Default false. Point Mqtt:Host/Port at it (localhost, Port) to publish into it.</summary>
    public bool Enabled { get; set; }

    /// <summary>TCP port. Default 1883; range 1-65535.</summary>
    [Range(1, 65535, ErrorMessage = "Mqtt:EmbeddedBroker:Port must be 1-65535")]
    public int Port { get; set; } = 1883;

    /// <summary>Address to listen on, for TCP and WebSocket. Default "0.0.0.0" (all IPv4 interfaces); "127.0.0.1" keeps it local.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:EmbeddedBroker:BindAddress is required")]
    public string BindAddress { get; set; } = "0.0.0.0";

    public EmbeddedBrokerWebSocketOptions WebSocket { get; set; } = new();
}
