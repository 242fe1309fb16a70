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

    /// <summary>
    /// Address to listen on, for TCP and WebSocket. Default "127.0.0.1": only this device. Any other address (e.g.
    /// "0.0.0.0" for every interface) needs <see cref="Username"/> and <see cref="PasswordFile"/>: anyone who can reach
    /// an open broker reads every topic and can pause detection.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:EmbeddedBroker:BindAddress is required")]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>User name every client must log in with. Default none: anonymous clients, allowed on loopback only.</summary>
    public string? Username { get; set; }

    /// <summary>File holding the password of <see cref="Username"/> (first line; keep it 0640 root:edgemask). Default none.</summary>
    public string? PasswordFile { get; set; }

    public EmbeddedBrokerWebSocketOptions WebSocket { get; set; } = new();
}
