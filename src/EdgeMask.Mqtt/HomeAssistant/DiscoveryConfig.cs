using System.Text.Json.Serialization;

namespace EdgeMask.Mqtt.HomeAssistant;

/// <summary>One Home Assistant MQTT discovery config message (docs/mqtt/v1/ha-discovery.schema.json). Null fields are omitted.</summary>
public sealed record DiscoveryConfig
{
    public required string Name { get; init; }

    public required string UniqueId { get; init; }

    public required string StateTopic { get; init; }

    public required string ValueTemplate { get; init; }

    public required string AvailabilityTopic { get; init; }

    public string PayloadAvailable { get; init; } = "online";

    public string PayloadNotAvailable { get; init; } = "offline";

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
}

/// <summary>The one device block shared by every entity of a sentinel.</summary>
public sealed record DiscoveryDevice(IReadOnlyList<string> Identifiers, string Name, string Manufacturer, string Model, string SwVersion);

/// <summary>Tells Home Assistant which software sent the discovery message.</summary>
public sealed record DiscoveryOrigin(string Name, string SwVersion);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryConfig))]
internal sealed partial class HomeAssistantJsonContext : JsonSerializerContext;
