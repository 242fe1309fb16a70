namespace EdgeMask.Core.Scene.Incidents;

/// <summary>Who an incident is about: one track (mask) or one pair of tracks (distance), ids in ascending order.</summary>
internal readonly record struct IncidentSubject(int FirstTrackId, int SecondTrackId = 0)
{
    public static IncidentSubject Person(int trackId) => new(trackId);

    public static IncidentSubject Pair(int a, int b) => a < b ? new(a, b) : new(b, a);

    public IReadOnlyList<int> TrackIds => SecondTrackId == 0 ? [FirstTrackId] : [FirstTrackId, SecondTrackId];

    public bool Involves(int trackId) => FirstTrackId == trackId || SecondTrackId == trackId;
}
