namespace EdgeMask.Core.Scene;

/// <summary>How the distance between two people is measured.</summary>
public enum DistanceMode
{
    /// <summary>Metres, from a pinhole camera model and the known width of a face.</summary>
    Metric,

    /// <summary>
    /// The original tutorial's measure: Euclidean distance between face box centres in pixels. Needs no
    /// camera knowledge but depends on resolution and depth; for uncalibrated cameras only.
    /// </summary>
    Pixels,
}
