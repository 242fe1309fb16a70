using BenchmarkDotNet.Attributes;
using EdgeMask.Core.Faces;
using EdgeMask.Detection;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Face detection on a frame of the bench scene with 4 faces, one whole-frame scan per call: the daemon's default
/// detector (YuNet at its derived 0.75 scale, faces from 24 px), and the Haar cascade as it ran before YuNet became the
/// default (half-size grey frame, scale factor 1.1, 5 neighbours, faces from 48 px).
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
    private ServiceProvider _yunetServices = null!;
    private ServiceProvider _haarServices = null!;
    private IFaceDetector _yunet = null!;
    private IFaceDetector _haar = null!;
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
        _yunetServices = Services.Build(
            new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1" },
            services => services.AddDetection());
        _haarServices = Services.Build(
            new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1", ["Detection:Detector"] = "haar", ["Detection:MinFaceSizePixels"] = "48" },
            services => services.AddDetection());
        _yunet = _yunetServices.GetRequiredService<IFaceDetector>();
        _haar = _haarServices.GetRequiredService<IFaceDetector>();
        foreach (var (name, detector) in new[] { ("YuNet", _yunet), ("Haar", _haar) })
        {
            var found = detector.Detect(_frame).Count;
            if (found != Faces)
            {
                throw new InvalidOperationException($"{name} found {found} faces in the {Resolution} bench frame, expected {Faces}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _yunetServices.Dispose();
        _haarServices.Dispose();
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

    /// <summary>The daemon's default IFaceDetector (YuNet) with a full scan: resize, tensor, ONNX Runtime, decoding, NMS, landmarks.</summary>
    [Benchmark]
    public IReadOnlyList<FaceDetection> YuNetFullScan() => _yunet.Detect(_frame);

    /// <summary>The Haar IFaceDetector at its earlier defaults with a full scan: preparation, cascade, boxes back to frame pixels.</summary>
    [Benchmark]
    public IReadOnlyList<FaceDetection> HaarFullScan() => _haar.Detect(_frame);
}
