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
}
