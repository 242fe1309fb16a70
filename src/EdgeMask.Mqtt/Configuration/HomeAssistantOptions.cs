using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>The "Mqtt:HomeAssistant" section: MQTT discovery.</summary>
public sealed class HomeAssistantOptions
{
    /// <summary>Publish discovery config messages. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Home Assistant's discovery prefix. Default "homeassistant".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:HomeAssistant:DiscoveryPrefix is required")]
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Topic where Home Assistant announces "online"; discovery is re-published then. Default "homeassistant/status".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:HomeAssistant:StatusTopic is required")]
    public string StatusTopic { get; set; } = "homeassistant/status";

    /// <summary>
    /// Address of this sentinel's dashboard as Home Assistant's users reach it (e.g. "https://door.lan:8080/"); shown as
    /// the device's "Visit" link. None by default: the dashboard listens on loopback unless Web:BindAddress says otherwise.
    /// </summary>
    public string? ConfigurationUrl { get; set; }
}
