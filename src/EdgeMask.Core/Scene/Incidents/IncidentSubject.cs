namespace EdgeMask.Core.Scene.Incidents;

/// <summary>
/// Who an incident is about: one track (a mask incident), or a group of people standing too close, named by its
/// anchor, the member whose track the group's identity follows while others join and leave.
/// </summary>
internal readonly record struct IncidentSubject(int TrackId)
{
    public static IncidentSubject Person(int trackId) => new(trackId);

    public static IncidentSubject Group(int anchorTrackId) => new(anchorTrackId);

    /// <summary>The tracks whose departure ends the incident at once.</summary>
    public IReadOnlyList<int> TrackIds => [TrackId];
}
