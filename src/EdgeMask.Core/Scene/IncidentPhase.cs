namespace EdgeMask.Core.Scene;

public enum IncidentPhase
{
    Start,
    Update,
    End,
}
