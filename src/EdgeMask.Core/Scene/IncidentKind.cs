namespace EdgeMask.Core.Scene;

public enum IncidentKind
{
    /// <summary>A person without a mask (or, where configured, with a mask worn wrongly).</summary>
    NoMask,

    /// <summary>Two or more people closer than the configured minimum distance.</summary>
    TooClose,
}
