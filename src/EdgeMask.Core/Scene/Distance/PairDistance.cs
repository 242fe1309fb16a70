namespace EdgeMask.Core.Scene.Distance;

/// <summary>The distance between two tracked people, in <see cref="DistanceMeasurement.Unit"/>.</summary>
internal readonly record struct PairDistance(int FirstTrackId, int SecondTrackId, double Distance);
