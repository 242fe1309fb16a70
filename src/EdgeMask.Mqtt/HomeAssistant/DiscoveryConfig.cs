using System.Text.Json.Serialization;

namespace EdgeMask.Mqtt.HomeAssistant;

/// <summary>One Home Assistant MQTT discovery config message (docs/mqtt/v2/ha-discovery.schema.json). Null fields are omitted.</summary>
public sealed record DiscoveryConfig
{
    public required string Name { get; init; }

    public required string UniqueId { get; init; }

    /// <summary>Null only for an "image" entity, which reads <see cref="ImageTopic"/> instead.</summary>
    public string? StateTopic { get; init; }

    public string? ValueTemplate { get; init; }

    /// <summary>For an "image" entity: the topic carrying the picture itself.</summary>
    public string? ImageTopic { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The device's availability topic; null when <see cref="Availability"/> lists several conditions instead.</summary>
    public string? AvailabilityTopic { get; init; }

    public string? PayloadAvailable { get; init; } = "online";

    public string? PayloadNotAvailable { get; init; } = "offline";

    /// <summary>Several availability conditions (Home Assistant's "availability" list), combined by <see cref="AvailabilityMode"/>.</summary>
    public IReadOnlyList<DiscoveryAvailability>? Availability { get; init; }

    public string? AvailabilityMode { get; init; }

    /// <summary>Seconds after the last message at which Home Assistant shows the sensor as unavailable.</summary>
    public int? ExpireAfter { get; init; }

    public required DiscoveryDevice Device { get; init; }

    public required DiscoveryOrigin Origin { get; init; }

    public string? DeviceClass { get; init; }

    public string? UnitOfMeasurement { get; init; }

    public string? StateClass { get; init; }

    public string? EntityCategory { get; init; }

    public string? Icon { get; init; }

    public string? CommandTopic { get; init; }

    public string? PayloadOn { get; init; }

    public string? PayloadOff { get; init; }

    public string? StateOn { get; init; }

    public string? StateOff { get; init; }

    /// <summary>For a "number" entity: its range and step.</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Step { get; init; }

    /// <summary>For an "event" entity: the event types its value template can produce.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }
}

/// <summary>One availability condition: a topic, and optionally a template that turns its payload into online/offline.</summary>
public sealed record DiscoveryAvailability(string Topic, string? ValueTemplate = null)
{
    public string PayloadAvailable { get; init; } = "online";

    public string PayloadNotAvailable { get; init; } = "offline";
}

/// <summary>The one device block shared by every entity of a sentinel.</summary>
/// <param name="ConfigurationUrl">The dashboard's address, when Home Assistant's users can reach it.</param>
public sealed record DiscoveryDevice(IReadOnlyList<string> Identifiers, string Name, string Manufacturer, string Model, string SwVersion, string? ConfigurationUrl = null);

/// <summary>Tells Home Assistant which software sent the discovery message.</summary>
public sealed record DiscoveryOrigin(string Name, string SwVersion);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryConfig))]
internal sealed partial class HomeAssistantJsonContext : JsonSerializerContext;
