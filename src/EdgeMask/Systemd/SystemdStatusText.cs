using System.Globalization;
using EdgeMask.Core.Health;

namespace EdgeMask.Systemd;

/// <summary>The one-line STATUS= text that <c>systemctl status edgemask</c> shows.</summary>
internal static class SystemdStatusText
{
    public static string Running(HealthSnapshot health) => Describe(health);

    public static string Stalled(HealthSnapshot health, TimeSpan sinceProgress) =>
        string.Create(CultureInfo.InvariantCulture, $"frame loop stalled, no progress for {sinceProgress.TotalSeconds:0}s; ") + Describe(health);

    private static string Describe(HealthSnapshot health)
    {
        var camera = health.Camera switch
        {
            CameraState.Online => $"camera online ({health.CameraDetail})",
            CameraState.Offline => $"camera offline ({health.CameraDetail}), reconnecting",
            _ => $"camera starting ({health.CameraDetail})",
        };

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{camera}; {health.ProcessedFps:0.0} fps processed, {health.CameraFps:0.0} fps captured; {health.FramesProcessed} frames, {health.FacesInLastFrame} face(s) in view");

        // STATUS= is one line of the notification datagram; a newline would start a new assignment.
        return text.ReplaceLineEndings(" ");
    }
}
