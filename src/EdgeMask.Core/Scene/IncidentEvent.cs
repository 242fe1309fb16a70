namespace EdgeMask.Core.Scene;

/// <summary>One change in the life of an incident: its start, an update while it lasts, or its end.</summary>
/// <param name="IncidentId">Same for every event of one incident.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Phase">Start, update or end.</param>
/// <param name="StartedAt">When the incident began.</param>
/// <param name="At">When this event happened.</param>
/// <param name="TrackIds">Tracks involved.</param>
/// <param name="BestConfidence">Highest verdict confidence seen during the incident.</param>
/// <param name="WorstDistance">Smallest distance seen between the people involved; null for mask incidents.</param>
/// <param name="DistanceUnit">"m" for metric distances, "px" for the tutorial's pixel mode.</param>
public sealed record IncidentEvent(
    Guid IncidentId,
    IncidentKind Kind,
    IncidentPhase Phase,
    DateTimeOffset StartedAt,
    DateTimeOffset At,
    IReadOnlyList<int> TrackIds,
    double BestConfidence,
    double? WorstDistance,
    string? DistanceUnit);
