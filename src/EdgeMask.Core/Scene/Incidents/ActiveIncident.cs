namespace EdgeMask.Core.Scene.Incidents;

/// <summary>An incident in progress: its identity, the extremes seen so far, and what was last reported.</summary>
internal sealed class ActiveIncident
{
    private double _reportedConfidence;
    private double? _reportedDistance;

    public ActiveIncident(IncidentKind kind, IncidentSubject subject, DateTimeOffset startedAt, IncidentCondition first, string? distanceUnit)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        Subject = subject;
        StartedAt = startedAt;
        DistanceUnit = distanceUnit;
        BestConfidence = first.Confidence;
        WorstDistance = first.Distance;
    }

    public Guid Id { get; }

    public IncidentKind Kind { get; }

    public IncidentSubject Subject { get; }

    public DateTimeOffset StartedAt { get; }

    public string? DistanceUnit { get; }

    public double BestConfidence { get; private set; }

    public double? WorstDistance { get; private set; }

    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Whether the extremes moved since the last event.</summary>
    public bool HasNews => BestConfidence > _reportedConfidence || WorstDistance < _reportedDistance;

    public void Observe(IncidentCondition condition)
    {
        BestConfidence = Math.Max(BestConfidence, condition.Confidence);
        if (condition.Distance is { } distance && (WorstDistance is null || distance < WorstDistance))
        {
            WorstDistance = distance;
        }
    }

    public IncidentEvent Report(IncidentPhase phase, DateTimeOffset at)
    {
        LastEventAt = at;
        _reportedConfidence = BestConfidence;
        _reportedDistance = WorstDistance;
        return new IncidentEvent(Id, Kind, phase, StartedAt, at, Subject.TrackIds, BestConfidence, WorstDistance, DistanceUnit);
    }
}
