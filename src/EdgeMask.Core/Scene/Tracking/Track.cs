using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Core.Scene.Tracking;

/// <summary>One face followed across frames: its latest box, when it was seen, and how fast it moves.</summary>
internal sealed class Track
{
    // Weight of the newest frame in the velocity estimate: enough to follow a walk, not one jittery box.
    private const double VelocitySmoothing = 0.5;

    public Track(int id, FaceObservation observation, DateTimeOffset seenAt)
    {
        Id = id;
        Observation = observation;
        FirstSeen = seenAt;
        LastSeen = seenAt;
        Hits = 1;
        SeenInLatestFrame = true;
    }

    public int Id { get; }

    /// <summary>The most recent observation of this face (from an earlier frame while it is unseen).</summary>
    public FaceObservation Observation { get; private set; }

    public PixelBox Box => Observation.Box;

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Frames this face was matched in.</summary>
    public int Hits { get; private set; }

    /// <summary>Whether the latest analysed frame contained this face.</summary>
    public bool SeenInLatestFrame { get; private set; }

    /// <summary>Set once the track was matched in enough frames to count as a person; stays set.</summary>
    public bool IsConfirmed { get; private set; }

    /// <summary>Centre velocity in pixels per second.</summary>
    public double VelocityX { get; private set; }

    public double VelocityY { get; private set; }

    /// <summary>Where the box should be at <paramref name="at"/> if the face keeps its speed, extrapolating at most <paramref name="horizon"/>.</summary>
    public PixelBox PredictBox(DateTimeOffset at, TimeSpan horizon)
    {
        var elapsed = Math.Clamp((at - LastSeen).TotalSeconds, 0, horizon.TotalSeconds);
        var box = Observation.Box;
        return box with
        {
            X = (int)Math.Round(box.X + (VelocityX * elapsed)),
            Y = (int)Math.Round(box.Y + (VelocityY * elapsed)),
        };
    }

    public void Matched(FaceObservation observation, DateTimeOffset seenAt, int confirmFrames)
    {
        var seconds = (seenAt - LastSeen).TotalSeconds;
        if (seconds > 0)
        {
            var vx = (observation.Box.CenterX - Observation.Box.CenterX) / seconds;
            var vy = (observation.Box.CenterY - Observation.Box.CenterY) / seconds;
            var first = Hits == 1;
            VelocityX = first ? vx : (VelocitySmoothing * vx) + ((1 - VelocitySmoothing) * VelocityX);
            VelocityY = first ? vy : (VelocitySmoothing * vy) + ((1 - VelocitySmoothing) * VelocityY);
        }

        Observation = observation;
        LastSeen = seenAt;
        Hits++;
        SeenInLatestFrame = true;
        Confirm(confirmFrames);
    }

    public void Missed() => SeenInLatestFrame = false;

    public void Confirm(int confirmFrames)
    {
        if (Hits >= confirmFrames)
        {
            IsConfirmed = true;
        }
    }
}
