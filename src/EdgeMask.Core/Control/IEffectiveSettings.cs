namespace EdgeMask.Core.Control;

/// <summary>
/// The thresholds in force now: a runtime override (MQTT command) when one is set, else the configured value, as the
/// classifier and the scene apply them. Dashboards show these, so a slider starts where the sentinel really is.
/// </summary>
public interface IEffectiveSettings
{
    double MinConfidence { get; }

    /// <summary>The minimum distance in metres (metric mode).</summary>
    double MinDistanceMeters { get; }
}
