using BenchmarkDotNet.Attributes;
using EdgeMask.Core.Faces;
using EdgeMask.Detection;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Face detection on a frame of the bench scene with 4 faces, at the daemon's defaults (detection frame at half
/// size, scale factor 1.1, 5 neighbours, faces from 48 px).
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private const int Faces = 4;
    private const double DownscaleFactor = 0.5;

    private readonly Mat _gray = new();
    private readonly Mat _small = new();
    private Mat _frame = null!;
    private CascadeClassifier _cascade = null!;
    private ServiceProvider _services = null!;
    private IFaceDetector _detector = null!;
    private Size _smallSize;

    [Params("640x480", "1280x720")]
    public string Resolution { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var size = Resolution.Split('x').Select(int.Parse).ToArray();
        _frame = BenchScene.Frame(size[0], size[1], Faces);
        _smallSize = new Size((int)Math.Round(size[0] * DownscaleFactor), (int)Math.Round(size[1] * DownscaleFactor));
        _cascade = BenchScene.LoadCascade();
        GrayscaleAndDownscale();

        // Detection:FullScanEveryFrames 1: every call scans the whole frame (no tracking windows, no motion gate).
        _services = Services.Build(
            new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1" },
            services => services.AddDetection());
        _detector = _services.GetRequiredService<IFaceDetector>();
        var found = _detector.Detect(_frame).Count;
        if (found != Faces)
        {
            throw new InvalidOperationException($"The daemon's detector found {found} faces in the {Resolution} bench frame, expected {Faces}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _cascade.Dispose();
        _frame.Dispose();
        _gray.Dispose();
        _small.Dispose();
    }

    /// <summary>BGR to grey and resize to half with INTER_AREA, as the Haar detector prepares its frame.</summary>
    [Benchmark]
    public Mat GrayscaleAndDownscale()
    {
        Cv2.CvtColor(_frame, _gray, ColorConversionCodes.BGR2GRAY);
        Cv2.Resize(_gray, _small, _smallSize, interpolation: InterpolationFlags.Area);
        return _small;
    }

    /// <summary>The cascade alone on the prepared half-size grey frame (minimum face 24 px there = 48 px in the frame).</summary>
    [Benchmark]
    public int HaarCascadeOnDownscaledFrame() =>
        _cascade.DetectMultiScale(_small, 1.1, 5, HaarDetectionTypes.ScaleImage, new Size(24, 24)).Length;

    /// <summary>The daemon's IFaceDetector (AddDetection) with a full scan: preparation, cascade, boxes back to frame pixels.</summary>
    [Benchmark]
    public IReadOnlyList<FaceDetection> FaceDetectorFullScan() => _detector.Detect(_frame);
}
