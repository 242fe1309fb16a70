namespace EdgeMask.Core.Scene.Incidents;

/// <param name="MinDuration">The condition must hold this long before an incident starts.</param>
/// <param name="ClearDuration">The condition must be gone this long before the incident ends.</param>
/// <param name="Cooldown">No new incident for the same subject this long after an end.</param>
/// <param name="UpdateInterval">Shortest time between two events of one incident.</param>
internal readonly record struct IncidentTimings(TimeSpan MinDuration, TimeSpan ClearDuration, TimeSpan Cooldown, TimeSpan UpdateInterval)
{
    public static IncidentTimings ForMask(SceneOptions o) =>
        new(o.MaskViolationMinDuration, o.IncidentClearDuration, o.IncidentCooldown, o.IncidentUpdateInterval);

    public static IncidentTimings ForDistance(SceneOptions o) =>
        new(o.DistanceViolationMinDuration, o.IncidentClearDuration, o.IncidentCooldown, o.IncidentUpdateInterval);
}
