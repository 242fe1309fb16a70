namespace EdgeMask.Core.Health;

public enum CameraState
{
    Starting,
    Online,
    Offline,
}
