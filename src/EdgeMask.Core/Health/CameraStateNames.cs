namespace EdgeMask.Core.Health;

public static class CameraStateNames
{
    /// <summary>"online", "offline" or "starting": the camera's state as payloads and pages show it.</summary>
    public static string Name(this CameraState state) => state switch
    {
        CameraState.Online => "online",
        CameraState.Offline => "offline",
        _ => "starting",
    };
}
