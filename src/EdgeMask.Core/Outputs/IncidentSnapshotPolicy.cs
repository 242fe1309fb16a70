namespace EdgeMask.Core.Outputs;

/// <summary>
/// Whether each incident's start is kept as a snapshot picture. Registered by the component that writes them; publishers
/// read it to name the snapshot in their events. Absent means no snapshots.
/// </summary>
public sealed record IncidentSnapshotPolicy(bool Enabled);
