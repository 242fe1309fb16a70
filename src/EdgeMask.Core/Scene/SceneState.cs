namespace EdgeMask.Core.Scene;

/// <summary>Which violations are active right now; what LEDs show and the MQTT state topic carries.</summary>
public sealed record SceneState(bool MaskViolation, bool DistanceViolation, int PeopleInView)
{
    public static SceneState Clear { get; } = new(false, false, 0);

    public bool AnyViolation => MaskViolation || DistanceViolation;
}
