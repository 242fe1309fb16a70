using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>
/// The "Mqtt:EmbeddedBroker:WebSocket" section: MQTT over WebSocket (ws://BindAddress:Port/Path) served by Kestrel
/// into the same embedded broker, so browser dashboards (MQTT.js, Paho JS) see what TCP clients see.
/// </summary>
public sealed class EmbeddedBrokerWebSocketOptions
{
    /// <summary>Serve MQTT over WebSocket. Default false; needs Mqtt:EmbeddedBroker:Enabled.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// HTTP port of the WebSocket listener. Default 9001, the port mosquitto set-ups commonly give their
    /// WebSocket listener, so dashboards written for one find the sentinel too; range 1-65535, not Mqtt:EmbeddedBroker:Port.
    /// </summary>
    [Range(1, 65535, ErrorMessage = "Mqtt:EmbeddedBroker:WebSocket:Port must be 1-65535")]
    public int Port { get; set; } = 9001;

    /// <summary>URL path clients connect to. Default "/mqtt" (the MQTT.js and Paho default); starts with '/', letters, digits and - _ . ~ / only.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:EmbeddedBroker:WebSocket:Path is required")]
    public string Path { get; set; } = "/mqtt";
}
