using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene.Tracking;

/// <summary>
/// Follows faces across frames: each frame's faces are matched to the predicted positions of live tracks by a
/// minimum-cost assignment over overlap, centre distance and size; unmatched faces start new tracks, and tracks
/// unseen for longer than the configured time end. Time is frame time, never the wall clock.
/// </summary>
internal sealed class FaceTracker
{
    private readonly List<Track> _tracks = [];
    private int _nextId = 1;

    /// <summary>Live tracks, oldest first.</summary>
    public IReadOnlyList<Track> Tracks => _tracks;

    /// <returns>Tracks that ended in this step (unseen too long).</returns>
    public IReadOnlyList<Track> Update(IReadOnlyList<FaceObservation> faces, DateTimeOffset now, TrackerSettings settings)
    {
        var ended = _tracks.Where(t => now - t.LastSeen > settings.MaxUnseen).ToList();
        _tracks.RemoveAll(ended.Contains);

        var assignment = AssignmentSolver.Solve(BuildCosts(faces, now, settings));
        var claimed = new bool[faces.Count];
        for (var t = 0; t < _tracks.Count; t++)
        {
            var face = assignment[t];
            if (face < 0)
            {
                _tracks[t].Missed();
                continue;
            }

            _tracks[t].Matched(faces[face], now, settings.ConfirmFrames);
            claimed[face] = true;
        }

        for (var f = 0; f < faces.Count; f++)
        {
            if (!claimed[f])
            {
                var track = new Track(_nextId++, faces[f], now);
                track.Confirm(settings.ConfirmFrames);
                _tracks.Add(track);
            }
        }

        return ended;
    }

    private double[,] BuildCosts(IReadOnlyList<FaceObservation> faces, DateTimeOffset now, TrackerSettings settings)
    {
        var costs = new double[_tracks.Count, faces.Count];
        for (var t = 0; t < _tracks.Count; t++)
        {
            var predicted = _tracks[t].PredictBox(now, settings.MaxUnseen);
            for (var f = 0; f < faces.Count; f++)
            {
                costs[t, f] = MatchCost(predicted, faces[f].Box, settings);
            }
        }

        return costs;
    }

    /// <summary>
    /// (1 - IoU) + centre distance in units of the gate radius + |ln(size ratio)|; forbidden unless the boxes overlap
    /// enough or the centre is inside the gate.
    /// </summary>
    internal static double MatchCost(PixelBox predicted, PixelBox face, TrackerSettings settings)
    {
        var iou = predicted.IntersectionOverUnion(face);
        var centreDistance = Math.Sqrt(
            Math.Pow(predicted.CenterX - face.CenterX, 2) + Math.Pow(predicted.CenterY - face.CenterY, 2));
        var gate = settings.MaxCenterDistanceFaceWidths * (predicted.Width + face.Width) / 2.0;
        var overlaps = iou > 0 && iou >= settings.MinIou;
        if (!overlaps && centreDistance > gate)
        {
            return AssignmentSolver.Forbidden;
        }

        var sizeChange = Math.Abs(Math.Log((double)face.Width / predicted.Width));
        return (1 - iou) + (centreDistance / gate) + sizeChange;
    }
}
