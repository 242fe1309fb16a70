using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene.Distance;

/// <summary>
/// Measures the distance between every pair of people: in metres from the pinhole model (the calibrated focal
/// length, else one derived from the field of view), or, in pixel mode, between face box centres.
/// </summary>
internal static class DistanceMeter
{
    public static DistanceMeasurement Measure(
        IReadOnlyList<(int TrackId, PixelBox Box)> people,
        int frameWidth,
        int frameHeight,
        SceneOptions options)
    {
        var positions = new Dictionary<int, Point3>(people.Count);
        if (options.DistanceMode == DistanceMode.Metric)
        {
            var camera = new PinholeCamera(FocalLengthPixels(options, frameWidth), frameWidth, frameHeight);
            foreach (var (trackId, box) in people)
            {
                positions[trackId] = camera.Locate(box, options.FaceWidthMeters);
            }
        }

        var pairs = new List<PairDistance>(people.Count * (people.Count - 1) / 2);
        for (var i = 0; i < people.Count; i++)
        {
            for (var j = i + 1; j < people.Count; j++)
            {
                var (a, boxA) = people[i];
                var (b, boxB) = people[j];
                var distance = options.DistanceMode == DistanceMode.Metric
                    ? positions[a].DistanceTo(positions[b])
                    : CentreDistancePixels(boxA, boxB);
                pairs.Add(new PairDistance(Math.Min(a, b), Math.Max(a, b), distance));
            }
        }

        return new DistanceMeasurement(options.DistanceMode, positions, pairs);
    }

    /// <summary>The calibrated focal length when configured, else (frameWidth / 2) / tan(hfov / 2).</summary>
    public static double FocalLengthPixels(SceneOptions options, int frameWidth) =>
        options.FocalLengthPixels ?? PinholeCamera.FocalLengthFromFieldOfView(options.HorizontalFieldOfViewDegrees, frameWidth);

    /// <summary>The tutorial's measure: Euclidean distance between box centres.</summary>
    public static double CentreDistancePixels(PixelBox a, PixelBox b)
    {
        var dx = a.CenterX - b.CenterX;
        var dy = a.CenterY - b.CenterY;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
