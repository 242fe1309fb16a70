using EdgeMask.Detection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// The daemon's face detector (EdgeMask.Detection's <see cref="IFaceDetector"/>, resolved through
/// <c>AddDetection()</c> exactly as the daemon resolves it), plus the trainer's choice of which face a crop shows:
/// the largest one at least a third of the image's shorter side.
/// </summary>
/// <remarks>
/// The data set's images are already face crops (at most 160 px), so two <c>Detection</c> keys differ from the
/// daemon's defaults: no downscale (the daemon shrinks a full camera frame, which brings its faces to about the
/// size these crops already have) and a 24 px minimum face; and a third, because the images are unrelated stills,
/// not a video: a full scan of every image (no frame scheduling). Every other setting, the detector (YuNet, with its
/// landmarks) and its score threshold are the daemon's.
/// </remarks>
public sealed class TrainingFaceDetector : IDisposable
{
    /// <summary>The <c>Detection</c> keys the trainer sets; all others keep the daemon's defaults.</summary>
    public static IReadOnlyDictionary<string, string?> DetectionSettings { get; } = new Dictionary<string, string?>
    {
        [$"{DetectionOptions.SectionName}:{nameof(DetectionOptions.DownscaleFactor)}"] = "1",
        [$"{DetectionOptions.SectionName}:{nameof(DetectionOptions.MinFaceSizePixels)}"] = "24",

        // Every image is an unrelated frame: a full scan each time, never only the windows around the last image's faces.
        [$"{DetectionOptions.SectionName}:{nameof(DetectionOptions.FullScanEveryFrames)}"] = "1",
    };

    private const int SmallestFacePixels = 24;
    private readonly ServiceProvider _services;
    private readonly IFaceDetector _detector;
    private readonly Lock _gate = new();

    public TrainingFaceDetector()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DetectionSettings).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDetection()
            .BuildServiceProvider();
        try
        {
            _detector = _services.GetRequiredService<IFaceDetector>();
        }
        catch
        {
            _services.Dispose();
            throw;
        }
    }

    /// <summary>The largest face at least a third of the image's shorter side, with its landmarks when the detector has them, or null.</summary>
    /// <remarks>Thread-safe: the daemon's detector keeps scratch buffers, so calls are serialised.</remarks>
    public Core.Faces.FaceDetection? DetectLargest(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        var minSide = Math.Max(SmallestFacePixels, Math.Min(bgr.Width, bgr.Height) / 3);
        IReadOnlyList<Core.Faces.FaceDetection> faces;
        lock (_gate)
        {
            faces = _detector.Detect(bgr);
        }

        return faces.Where(face => face.Box.Width >= minSide && face.Box.Height >= minSide).MaxBy(face => face.Box.Area);
    }

    // The provider owns and disposes the singleton detector.
    public void Dispose() => _services.Dispose();
}
