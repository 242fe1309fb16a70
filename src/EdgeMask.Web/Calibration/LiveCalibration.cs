using EdgeMask.Core.Health;
using EdgeMask.Core.Scene;
using EdgeMask.Web.Live;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Calibration;

/// <summary>
/// <c>edgemask calibrate</c> from the dashboard: the widest face of each processed frame over a few seconds, turned
/// into the camera's focal length. It reads the running pipeline, so the camera stays with the daemon.
/// </summary>
internal sealed class LiveCalibration
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(30);

    private readonly SceneView _scene;
    private readonly PipelineHealth _health;
    private readonly IOptionsMonitor<SceneOptions> _sceneOptions;

    public LiveCalibration(SceneView scene, PipelineHealth health, IOptionsMonitor<SceneOptions> sceneOptions)
    {
        _scene = scene;
        _health = health;
        _sceneOptions = sceneOptions;
    }

    /// <exception cref="CalibrationRefusedException">The camera is offline, another calibration runs, or too few faces were seen.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Distance or duration out of range.</exception>
    public async Task<FocalLengthCalibration> RunAsync(double distanceMeters, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration < MinDuration || duration > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"seconds must be {MinDuration.TotalSeconds:0}-{MaxDuration.TotalSeconds:0}");
        }

        if (!(distanceMeters > 0 && distanceMeters <= 20))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMeters), distanceMeters, "distance_meters must be in (0, 20]");
        }

        var health = _health.Snapshot();
        if (health.Camera != CameraState.Online)
        {
            throw new CalibrationRefusedException($"the camera is not online ({health.CameraDetail})");
        }

        var widths = new List<double>();
        using (_scene.TryListen(people =>
               {
                   if (people.Count > 0)
                   {
                       lock (widths)
                       {
                           widths.Add(people.Max(p => p.Box.Width));
                       }
                   }
               }) ?? throw new CalibrationRefusedException("another calibration is running"))
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        }

        lock (widths)
        {
            try
            {
                return FocalLengthCalibrator.Calibrate(widths, distanceMeters, _sceneOptions.CurrentValue.FaceWidthMeters);
            }
            catch (ArgumentException ex) when (ex is not ArgumentOutOfRangeException)
            {
                throw new CalibrationRefusedException(ex.Message);
            }
        }
    }
}

/// <summary>A calibration that could not run or gave no answer; the message says why, for the person at the camera.</summary>
internal sealed class CalibrationRefusedException(string message) : Exception(message);
