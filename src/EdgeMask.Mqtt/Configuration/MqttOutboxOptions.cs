using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Mqtt;

/// <summary>The "Mqtt:Outbox" section: where events wait for the broker's acknowledgement.</summary>
public sealed class MqttOutboxOptions
{
    /// <summary>Folder of the durable outbox. Default "/var/lib/edgemask/outbox" (systemd StateDirectory); relative paths resolve from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:Outbox:Directory is required")]
    public string Directory { get; set; } = "/var/lib/edgemask/outbox";

    /// <summary>Most events kept; beyond it the oldest are dropped and counted. Default 10000; range 1-10000000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Mqtt:Outbox:MaxEvents must be 1-10000000")]
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>Most bytes of event files kept; beyond it the oldest are dropped and counted. Default 50 MiB; range 4 KiB - 10 GiB.</summary>
    [Range(4096L, 10L * 1024 * 1024 * 1024, ErrorMessage = "Mqtt:Outbox:MaxBytes must be 4096-10737418240")]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;
}
