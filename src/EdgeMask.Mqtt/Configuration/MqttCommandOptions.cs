using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>The "Mqtt:Commands" section: commands received under {prefix}/set.</summary>
public sealed class MqttCommandOptions
{
    /// <summary>Accept commands at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Larger command payloads are rejected unread. Default 1024; range 16-65536.</summary>
    [Range(16, 65536, ErrorMessage = "Mqtt:Commands:MaxPayloadBytes must be 16-65536")]
    public int MaxPayloadBytes { get; set; } = 1024;
}
