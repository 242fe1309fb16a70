using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// Spends detection time where faces can be: a full scan every <see cref="DetectionOptions.FullScanEveryFrames"/>
/// frames, in between only windows around the faces found last, and nothing at all on a still, empty scene.
/// A frame where the known faces are lost gets a full scan at once.
/// </summary>
internal sealed class ScheduledFaceDetector : IFaceDetector
{
    private static readonly Size ThumbnailSize = new(64, 48);

    private readonly IFaceDetector _inner;
    private readonly IOptionsMonitor<DetectionOptions> _options;
    private readonly Mat _gray = new();
    private readonly Mat _thumbnail = new();
    private readonly Mat _scannedThumbnail = new();
    private readonly Mat _difference = new();
    private readonly Mat _window = new();
    private IReadOnlyList<FaceDetection> _last = [];
    private int _framesSinceFullScan = int.MaxValue;

    private readonly bool _scanRegions;

    /// <param name="scanRegions">
    /// False for detectors whose cost does not shrink with the image (the learned ones resize every input to a
    /// fixed size, so a window costs as much as the frame): those get full scans while faces are in view.
    /// </param>
    public ScheduledFaceDetector(IFaceDetector inner, IOptionsMonitor<DetectionOptions> options, bool scanRegions = true)
    {
        _inner = inner;
        _options = options;
        _scanRegions = scanRegions;
    }

    /// <summary>Counts of what each call did, for the benchmark and tests.</summary>
    public long FullScans { get; private set; }

    public long RegionScans { get; private set; }

    public long SkippedStill { get; private set; }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame)
    {
        var options = _options.CurrentValue;
        if (options.FullScanEveryFrames <= 1)
        {
            FullScans++;
            return _inner.Detect(bgrFrame);
        }

        MakeThumbnail(bgrFrame);
        var due = _framesSinceFullScan >= options.FullScanEveryFrames - 1 || _scannedThumbnail.Size() != _thumbnail.Size();
        _framesSinceFullScan = _framesSinceFullScan == int.MaxValue ? int.MaxValue : _framesSinceFullScan + 1;

        if (!due && _last.Count == 0 && options.MotionThreshold > 0 && MotionSinceScan() < options.MotionThreshold)
        {
            SkippedStill++;
            return _last;
        }

        if (!due && _last.Count > 0 && _scanRegions)
        {
            var found = ScanRegions(bgrFrame, options.RegionMarginFraction, Math.Max(24, options.MinFaceSizePixels));
            if (found.Count > 0)
            {
                RegionScans++;
                _last = found;
                return found;
            }
        }

        FullScans++;
        _last = _inner.Detect(bgrFrame);
        _framesSinceFullScan = 0;
        _thumbnail.CopyTo(_scannedThumbnail);
        return _last;
    }

    public void Dispose()
    {
        _inner.Dispose();
        _gray.Dispose();
        _thumbnail.Dispose();
        _scannedThumbnail.Dispose();
        _difference.Dispose();
        _window.Dispose();
    }

    private List<FaceDetection> ScanRegions(Mat frame, double margin, int minFaceSizePixels)
    {
        var found = new List<FaceDetection>(_last.Count);
        foreach (var known in _last)
        {
            var window = known.Box.ExpandAndClip(margin, frame.Width, frame.Height);
            if (window.IsEmpty)
            {
                continue;
            }

            // The face's size is known: shrink the window so the face is about twice the smallest size the
            // detector looks for. A cascade then searches a few scales of a small image instead of many of a big one.
            var scale = Math.Min(1.0, 2.0 * minFaceSizePixels / Math.Max(1, known.Box.Width));
            using var region = new Mat(frame, new Rect(window.X, window.Y, window.Width, window.Height));
            if (scale < 1.0)
            {
                Cv2.Resize(region, _window, new Size(), scale, scale, InterpolationFlags.Area);
            }
            else
            {
                region.CopyTo(_window);
            }

            foreach (var face in _inner.Detect(_window))
            {
                var box = face.Box.Scale(1 / scale);
                box = box with { X = box.X + window.X, Y = box.Y + window.Y };

                // Windows of people standing close overlap: keep one box per face.
                if (!found.Any(f => f.Box.IntersectionOverUnion(box) > 0.3))
                {
                    found.Add(face with { Box = box });
                }
            }
        }

        return found;
    }

    private void MakeThumbnail(Mat frame)
    {
        if (frame.Channels() == 3)
        {
            Cv2.CvtColor(frame, _gray, ColorConversionCodes.BGR2GRAY);
            Cv2.Resize(_gray, _thumbnail, ThumbnailSize, interpolation: InterpolationFlags.Area);
        }
        else
        {
            Cv2.Resize(frame, _thumbnail, ThumbnailSize, interpolation: InterpolationFlags.Area);
        }
    }

    private double MotionSinceScan()
    {
        Cv2.Absdiff(_thumbnail, _scannedThumbnail, _difference);
        return Cv2.Mean(_difference).Val0;
    }
}
