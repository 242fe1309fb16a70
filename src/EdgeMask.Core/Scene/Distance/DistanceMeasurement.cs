using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene.Distance;

/// <summary>Positions of the people in one frame (metric mode only) and the distance of every pair.</summary>
internal sealed record DistanceMeasurement(
    DistanceMode Mode,
    IReadOnlyDictionary<int, Point3> PositionsMeters,
    IReadOnlyList<PairDistance> Pairs)
{
    public const string MetersUnit = "m";
    public const string PixelsUnit = "px";

    public string Unit => Mode == DistanceMode.Pixels ? PixelsUnit : MetersUnit;
}
