namespace EdgeMask.Core.Scene.Incidents;

/// <summary>A violating condition seen in the current frame.</summary>
/// <param name="Confidence">How sure the evidence is, in [0, 1].</param>
/// <param name="Distance">The smallest distance between the people involved, for distance incidents.</param>
/// <param name="Members">Everyone the condition is about, ascending; null = the subject's own tracks.</param>
internal readonly record struct IncidentCondition(IncidentSubject Subject, double Confidence, double? Distance = null, IReadOnlyList<int>? Members = null)
{
    public IReadOnlyList<int> People => Members ?? Subject.TrackIds;
}
