namespace EdgeMask.Core.Scene.Incidents;

/// <summary>An incident in progress: its identity, the extremes seen so far, and what was last reported.</summary>
internal sealed class ActiveIncident
{
    private double _reportedConfidence;
    private double? _reportedDistance;
    private IReadOnlyList<int> _reportedMembers = [];

    public ActiveIncident(IncidentKind kind, IncidentSubject subject, DateTimeOffset startedAt, IncidentCondition first, string? distanceUnit)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        Subject = subject;
        StartedAt = startedAt;
        DistanceUnit = distanceUnit;
        BestConfidence = first.Confidence;
        WorstDistance = first.Distance;
        Members = first.People;
    }

    public Guid Id { get; }

    public IncidentKind Kind { get; }

    public IncidentSubject Subject { get; }

    public DateTimeOffset StartedAt { get; }

    public string? DistanceUnit { get; }

    public double BestConfidence { get; private set; }

    public double? WorstDistance { get; private set; }

    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Everyone involved now (a group gains and loses members while the incident lasts), ascending.</summary>
    public IReadOnlyList<int> Members { get; private set; }

    /// <summary>Whether the extremes or the members changed since the last event.</summary>
    public bool HasNews => BestConfidence > _reportedConfidence || WorstDistance < _reportedDistance || !Members.SequenceEqual(_reportedMembers);

    public void Observe(IncidentCondition condition)
    {
        BestConfidence = Math.Max(BestConfidence, condition.Confidence);
        Members = condition.People;
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
        _reportedMembers = Members;
        return new IncidentEvent(Id, Kind, phase, StartedAt, at, Members, BestConfidence, WorstDistance, DistanceUnit);
    }
}
