using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Web;

/// <summary>The "Snapshots" section: the annotated frame kept at the start of each incident, and picture privacy.</summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "Snapshots";

    /// <summary>Keep a snapshot per incident. Default true (they stay on the device; Mqtt:PublishSnapshots sends them out).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the snapshots. Default "/var/lib/edgemask/snapshots" (systemd StateDirectory).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Snapshots:Directory is required")]
    public string Directory { get; set; } = "/var/lib/edgemask/snapshots";

    /// <summary>Most snapshots kept; the oldest go first. Default 200; range 1-100000.</summary>
    [Range(1, 100_000, ErrorMessage = "Snapshots:MaxCount must be 1-100000")]
    public int MaxCount { get; set; } = 200;

    /// <summary>Most bytes of snapshots kept; the oldest go first. Default 50 MiB; range 64 KiB - 10 GiB.</summary>
    [Range(65536L, 10L * 1024 * 1024 * 1024, ErrorMessage = "Snapshots:MaxBytes must be 65536-10737418240")]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Pixelate every face in every picture the daemon makes: stored and published snapshots and the live view. Default false.</summary>
    public bool BlurFaces { get; set; }
}
