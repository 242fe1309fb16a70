using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.Logging;
using EdgeMask.Core.Settings;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// OpenCV Haar cascade detection on a downscaled, optionally contrast-enhanced grayscale copy of the frame; optionally
/// more cascades and an eye-pair fallback whose faces are merged with the first cascade's.
/// The grayscale and downscaled buffers are reused between frames. Not thread-safe: one caller (the frame loop).
/// </summary>
internal sealed class HaarFaceDetector : IFaceSizeRangeDetector
{
    private const string CascadePackageHint =
        "Install Debian's opencv-data package (sudo apt-get install opencv-data) or set Detection:CascadePath to a Haar cascade XML file.";

    private readonly LastValidOptions<DetectionOptions> _options;
    private readonly CascadeClassifier _cascade;
    private readonly CascadeClassifier[] _additionalCascades;
    private readonly CascadeClassifier? _eyeCascade;
    private readonly CLAHE _clahe = Cv2.CreateCLAHE(2.0, new Size(8, 8));
    private readonly Mat _gray = new();
    private readonly Mat _small = new();

    public HaarFaceDetector(LastValidOptions<DetectionOptions> options, ILogger<HaarFaceDetector> logger)
    {
        _options = options;
        var settings = options.Current;
        CascadePath = settings.ResolveCascadePath();
        _cascade = LoadCascade(CascadePath, "Detection:CascadePath");
        CascadeWindow = _cascade.GetOriginalWindowSize();
        _additionalCascades = settings.AdditionalCascadePaths
            .Select((path, i) => LoadCascade(DetectionOptions.ResolvePath(path), $"Detection:AdditionalCascadePaths:{i}"))
            .ToArray();
        _eyeCascade = settings.EyePairFallback ? LoadCascade(DetectionOptions.ResolvePath(settings.EyeCascadePath), "Detection:EyeCascadePath") : null;
        if (_additionalCascades.Length > 0 || _eyeCascade is not null)
        {
            logger.LogInformation(
                "Also running {Count} more cascade(s) {Paths}{Eyes}; overlapping faces (IoU > {Iou:0.##}) merged",
                _additionalCascades.Length,
                string.Join(", ", settings.AdditionalCascadePaths),
                _eyeCascade is null ? string.Empty : " and the eye-pair fallback",
                settings.MergeIouThreshold);
        }

        logger.LogInformation(
            "Haar cascade {CascadePath} loaded (window {WindowWidth}x{WindowHeight} px); detecting at {DownscaleFactor:0.###} scale, faces {MinFace}-{MaxFace} px",
            CascadePath,
            CascadeWindow.Width,
            CascadeWindow.Height,
            settings.EffectiveDownscaleFactor,
            settings.MinFaceSizePixels,
            settings.MaxFaceSizePixels == 0 ? "any" : settings.MaxFaceSizePixels.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var smallestFindable = (int)Math.Ceiling(CascadeWindow.Width / settings.EffectiveDownscaleFactor);
        if (smallestFindable > settings.MinFaceSizePixels)
        {
            logger.LogWarning(
                "Detection:MinFaceSizePixels is {MinFace} px but at DownscaleFactor {DownscaleFactor:0.###} the cascade cannot find faces under {Smallest} px",
                settings.MinFaceSizePixels,
                settings.EffectiveDownscaleFactor,
                smallestFindable);
        }
    }

    public string CascadePath { get; }

    public bool SearchesGrey => true;

    /// <summary>The cascade's training window: the smallest face it can find, in detection-frame pixels.</summary>
    public Size CascadeWindow { get; }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame)
    {
        var settings = _options.Current;
        return Detect(bgrFrame, settings.MinFaceSizePixels, settings.MaxFaceSizePixels);
    }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame, int minFaceSizePixels, int maxFaceSizePixels)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        if (bgrFrame.Empty())
        {
            throw new ArgumentException("The frame is empty.", nameof(bgrFrame));
        }

        var settings = _options.Current;
        var detectionFrame = PrepareDetectionFrame(bgrFrame, settings);

        // The actual resize ratio, not the configured factor: rounding of odd frame sizes must not shift boxes.
        var toFullX = (double)bgrFrame.Width / detectionFrame.Width;
        var toFullY = (double)bgrFrame.Height / detectionFrame.Height;
        var minSide = Math.Max(1, (int)Math.Floor(minFaceSizePixels / toFullX));
        var maxSide = maxFaceSizePixels == 0 ? 0 : (int)Math.Ceiling(maxFaceSizePixels / toFullX);

        var hits = FindFaces(detectionFrame, settings, minSide, maxSide);
        if (hits.Count == 0)
        {
            return [];
        }

        var frameBox = new PixelBox(0, 0, bgrFrame.Width, bgrFrame.Height);
        var faces = new List<FaceDetection>(hits.Count);
        foreach (var hit in hits)
        {
            var box = ToFullResolution(hit, toFullX, toFullY).Intersect(frameBox);
            if (box.IsEmpty || box.Width < minFaceSizePixels)
            {
                continue;
            }

            if (maxFaceSizePixels != 0 && box.Width > maxFaceSizePixels)
            {
                continue;
            }

            faces.Add(new FaceDetection(box, 1f));
        }

        return faces;
    }

    public void Dispose()
    {
        _cascade.Dispose();
        foreach (var cascade in _additionalCascades)
        {
            cascade.Dispose();
        }

        _eyeCascade?.Dispose();
        _clahe.Dispose();
        _gray.Dispose();
        _small.Dispose();
    }

    private Mat PrepareDetectionFrame(Mat frame, DetectionOptions settings)
    {
        switch (frame.Channels())
        {
            case 3:
                Cv2.CvtColor(frame, _gray, ColorConversionCodes.BGR2GRAY);
                break;
            case 4:
                Cv2.CvtColor(frame, _gray, ColorConversionCodes.BGRA2GRAY);
                break;
            case 1:
                frame.CopyTo(_gray);
                break;
            default:
                throw new ArgumentException($"Expected a BGR, BGRA or grayscale frame, got {frame.Channels()} channels.", nameof(frame));
        }

        var detectionFrame = _gray;
        if (settings.EffectiveDownscaleFactor < 1.0)
        {
            var width = Math.Max(1, (int)Math.Round(frame.Width * settings.EffectiveDownscaleFactor));
            var height = Math.Max(1, (int)Math.Round(frame.Height * settings.EffectiveDownscaleFactor));
            Cv2.Resize(_gray, _small, new Size(width, height), interpolation: InterpolationFlags.Area);
            detectionFrame = _small;
        }

        switch (settings.EffectiveContrast)
        {
            case ContrastEnhancement.Equalize:
                Cv2.EqualizeHist(detectionFrame, detectionFrame);
                break;
            case ContrastEnhancement.Clahe:
                _clahe.ClipLimit = settings.ClaheClipLimit;
                _clahe.Apply(detectionFrame, detectionFrame);
                break;
        }

        return detectionFrame;
    }

    private IReadOnlyList<Rect> FindFaces(Mat detectionFrame, DetectionOptions settings, int minSide, int maxSide)
    {
        var primary = Run(_cascade, detectionFrame, settings, minSide, maxSide);
        if (_additionalCascades.Length == 0 && _eyeCascade is null)
        {
            return primary;
        }

        var bySource = new List<IReadOnlyList<Rect>>(_additionalCascades.Length + 2) { primary };
        bySource.AddRange(_additionalCascades.Select(cascade => Run(cascade, detectionFrame, settings, minSide, maxSide)));
        if (_eyeCascade is not null)
        {
            bySource.Add(FacesFromEyePairs(_eyeCascade, detectionFrame, settings, minSide, maxSide));
        }

        return BoxMerger.Merge(bySource, settings.MergeIouThreshold);
    }

    private static Rect[] Run(CascadeClassifier cascade, Mat frame, DetectionOptions settings, int minSide, int maxSide) =>
        cascade.DetectMultiScale(
            frame,
            settings.ScaleFactor,
            settings.MinNeighbors,
            HaarDetectionTypes.ScaleImage,
            new Size(minSide, minSide),
            maxSide == 0 ? null : new Size(maxSide, maxSide));

    // An eye is about a quarter of the face's width, so the face size limits bound the eye search too.
    private static List<Rect> FacesFromEyePairs(CascadeClassifier eyes, Mat frame, DetectionOptions settings, int minFaceSide, int maxFaceSide)
    {
        var minEye = Math.Max(1, minFaceSide / 5);
        var maxEye = maxFaceSide == 0 ? 0 : (maxFaceSide / 3) + 1;
        var found = eyes.DetectMultiScale(
            frame,
            settings.ScaleFactor,
            settings.MinNeighbors,
            HaarDetectionTypes.ScaleImage,
            new Size(minEye, minEye),
            maxEye == 0 ? null : new Size(maxEye, maxEye));
        return EyePairFaceEstimator.FacesFromEyes(found);
    }

    private static PixelBox ToFullResolution(Rect hit, double toFullX, double toFullY)
    {
        var x1 = (int)Math.Round(hit.X * toFullX);
        var y1 = (int)Math.Round(hit.Y * toFullY);
        var x2 = (int)Math.Round(hit.Right * toFullX);
        var y2 = (int)Math.Round(hit.Bottom * toFullY);
        return new PixelBox(x1, y1, x2 - x1, y2 - y1);
    }

    /// <exception cref="FaceDetectorException">The file is missing, unreadable or not a cascade; the message names it and <paramref name="key"/>.</exception>
    internal static CascadeClassifier LoadCascade(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw new FaceDetectorException($"Haar cascade file '{path}' does not exist ({key}). {CascadePackageHint}");
        }

        try
        {
            using (File.OpenRead(path))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceDetectorException($"Haar cascade file '{path}' cannot be read: {ex.Message} ({key}). {CascadePackageHint}", ex);
        }

        var cascade = new CascadeClassifier();
        try
        {
            if (cascade.Load(path) && !cascade.Empty())
            {
                return cascade;
            }
        }
        catch (OpenCVException ex)
        {
            cascade.Dispose();
            throw new FaceDetectorException($"Haar cascade file '{path}' is not a valid OpenCV cascade: {ex.ErrMsg} ({key}). {CascadePackageHint}", ex);
        }

        cascade.Dispose();
        throw new FaceDetectorException($"Haar cascade file '{path}' is not a valid OpenCV cascade ({key}). {CascadePackageHint}");
    }
}
