namespace EdgeMask.Core.Scene.Incidents;

/// <summary>A violating condition seen in the current frame.</summary>
/// <param name="Confidence">How sure the evidence is, in [0, 1].</param>
/// <param name="Distance">The distance between the people involved, for distance incidents.</param>
internal readonly record struct IncidentCondition(IncidentSubject Subject, double Confidence, double? Distance = null);
