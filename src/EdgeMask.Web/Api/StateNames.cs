using EdgeMask.Core.Health;

namespace EdgeMask.Web.Api;

internal static class StateNames
{
    public static string Camera(CameraState state) => state switch
    {
        CameraState.Online => "online",
        CameraState.Offline => "offline",
        _ => "starting",
    };
}
