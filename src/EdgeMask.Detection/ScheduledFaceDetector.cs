using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Settings;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// Spends detection time where faces can be. Faces already found are followed in small windows every frame. New
/// faces are looked for every <see cref="DetectionOptions.FullScanEveryFrames"/> frames, and only where the scene
/// changed since the last look (the whole frame when most of it changed); a still scene is not searched at all,
/// except by a whole-frame scan every <see cref="DetectionOptions.FullScanAtLeastEveryFrames"/> frames.
/// A frame where every known face is lost gets a whole-frame scan at once.
/// </summary>
internal sealed class ScheduledFaceDetector : IFaceDetector
{
    /// <summary>A changed area covering more than this share of the frame is scanned as the whole frame.</summary>
    private const double WholeFrameShare = 0.5;

    /// <summary>
    /// How much a followed face may grow or shrink from one frame to the next. Someone walking at the camera at
    /// 1.5 m/s from 2 m grows about 5 % per frame at 15 fps; the rest is room for the cascade's own size steps.
    /// </summary>
    private const double FaceSizeChangePerFrame = 1.25;

    /// <summary>
    /// A followed face's window is shrunk until the face is this many times the smallest face the detector looks for.
    /// The cascade's cost grows with the window's area, and faces this size are still found reliably.
    /// </summary>
    private const double FollowedFaceOverSmallest = 1.6;

    private readonly IFaceDetector _inner;
    private readonly IFaceSizeRangeDetector? _sizeRange;
    private readonly LastValidOptions<DetectionOptions> _options;
    private readonly MotionMap _motion = new();
    private readonly Mat _window = new();
    private readonly Mat _windowGray = new();
    private IReadOnlyList<FaceDetection> _last = [];
    private int _framesSinceLook;
    private int _framesSinceFullScan;

    public ScheduledFaceDetector(IFaceDetector inner, LastValidOptions<DetectionOptions> options)
    {
        _inner = inner;
        _sizeRange = inner as IFaceSizeRangeDetector;
        _options = options;
    }

    /// <summary>Counts of what each call did, for the benchmark and tests.</summary>
    public long FullScans { get; private set; }

    /// <summary>Frames whose known faces were all found again in their windows.</summary>
    public long RegionScans { get; private set; }

    /// <summary>Looks for new faces that searched only the part of the frame that changed.</summary>
    public long ChangedAreaScans { get; private set; }

    /// <summary>Frames with no face in view that were not searched: between looks, or nothing had changed.</summary>
    public long NotSearchedFrames { get; private set; }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame)
    {
        var options = _options.Current;
        if (options.FullScanEveryFrames <= 1)
        {
            return FullScan(bgrFrame, motionKnown: false);
        }

        _motion.Update(bgrFrame, options.MinFaceSizePixels);
        _framesSinceLook++;
        _framesSinceFullScan++;
        if (!_motion.HasReference || _framesSinceFullScan >= options.FullScanAtLeastEveryFrames)
        {
            return FullScan(bgrFrame, motionKnown: true);
        }

        var followed = FollowKnownFaces(bgrFrame, options);
        if (followed is { Count: 0 })
        {
            return FullScan(bgrFrame, motionKnown: true);
        }

        if (_framesSinceLook < options.FullScanEveryFrames)
        {
            return followed is null ? NotSearched() : Remember(followed);
        }

        if (options.MotionThreshold <= 0)
        {
            return FullScan(bgrFrame, motionKnown: true);
        }

        var windows = followed is null ? [] : Windows(followed, options.RegionMarginFraction, bgrFrame);
        var changed = _motion.ChangedArea(options.MotionThreshold, windows);
        if (changed.IsEmpty)
        {
            // Nothing moved outside the followed faces: nobody new can have come in. The reference frame stays, so
            // changes keep adding up until they are big enough to look at.
            return followed is null ? NotSearched() : Remember(followed);
        }

        var area = Grow(changed, options.MinFaceSizePixels, bgrFrame);
        if (area.Area > WholeFrameShare * bgrFrame.Width * bgrFrame.Height)
        {
            return FullScan(bgrFrame, motionKnown: true);
        }

        ChangedAreaScans++;
        var found = new List<FaceDetection>(followed ?? []);
        AddDistinct(found, ScanWindow(bgrFrame, area, 1.0, options.MinFaceSizePixels, options.MaxFaceSizePixels));
        _framesSinceLook = 0;
        _motion.MarkSearched();
        return Remember(found);
    }

    public void Dispose()
    {
        _inner.Dispose();
        _motion.Dispose();
        _window.Dispose();
        _windowGray.Dispose();
    }

    private IReadOnlyList<FaceDetection> FullScan(Mat frame, bool motionKnown)
    {
        FullScans++;
        _last = _inner.Detect(frame);
        _framesSinceLook = 0;
        _framesSinceFullScan = 0;
        if (motionKnown)
        {
            _motion.MarkSearched();
        }

        return _last;
    }

    private IReadOnlyList<FaceDetection> NotSearched()
    {
        NotSearchedFrames++;
        return _last;
    }

    private IReadOnlyList<FaceDetection> Remember(IReadOnlyList<FaceDetection> faces)
    {
        _last = faces;
        return faces;
    }

    /// <returns>Null when there is nothing to follow (no face known).</returns>
    private List<FaceDetection>? FollowKnownFaces(Mat frame, DetectionOptions options)
    {
        if (_last.Count == 0)
        {
            return null;
        }

        var found = new List<FaceDetection>(_last.Count);
        foreach (var known in _last)
        {
            var window = known.Box.ExpandAndClip(options.RegionMarginFraction, frame.Width, frame.Height);
            if (window.IsEmpty)
            {
                continue;
            }

            // The face is known: search only sizes it can have grown or shrunk to, on a window shrunk so that the face
            // is a little over the smallest size the detector looks for. A cascade then searches a few scales of a small image.
            var width = known.Box.Width;
            var scale = Math.Min(1.0, FollowedFaceOverSmallest * options.MinFaceSizePixels / Math.Max(1, width));
            var smallest = Math.Max((int)(width / FaceSizeChangePerFrame), options.MinFaceSizePixels);
            var largest = (int)Math.Ceiling(width * FaceSizeChangePerFrame);
            AddDistinct(found, ScanWindow(frame, window, scale, smallest, largest));
        }

        if (found.Count > 0)
        {
            RegionScans++;
        }

        return found;
    }

    /// <summary>
    /// Searches one part of the frame, resized by <paramref name="scale"/>, for faces of the given widths
    /// (full-resolution pixels; largest 0 = any). Boxes come back in full-resolution frame pixels.
    /// </summary>
    private IReadOnlyList<FaceDetection> ScanWindow(Mat frame, PixelBox window, double scale, int smallestWidth, int largestWidth)
    {
        using var region = new Mat(frame, new Rect(window.X, window.Y, window.Width, window.Height));
        var source = region;
        if (_sizeRange is { SearchesGrey: true } && region.Channels() == 3)
        {
            // A cascade works on grey anyway: shrinking one channel instead of three is a third of the work.
            Cv2.CvtColor(region, _windowGray, ColorConversionCodes.BGR2GRAY);
            source = _windowGray;
        }

        if (scale < 1.0)
        {
            Cv2.Resize(source, _window, new Size(), scale, scale, InterpolationFlags.Area);
        }
        else
        {
            source.CopyTo(_window);
        }

        var minimum = Math.Max(_options.Current.MinFaceSizePixels, (int)Math.Floor(smallestWidth * scale));
        var faces = _sizeRange is null
            ? _inner.Detect(_window)
            : _sizeRange.Detect(_window, minimum, largestWidth == 0 ? 0 : Math.Max(minimum, (int)Math.Ceiling(largestWidth * scale)));
        return faces.Select(face => face.Transform(1 / scale, window.X, window.Y)).ToList();
    }

    /// <summary>A changed area grown by a face width on every side, so a face at its edge is searched whole.</summary>
    private static PixelBox Grow(PixelBox area, int margin, Mat frame)
    {
        var x1 = Math.Max(0, area.X - margin);
        var y1 = Math.Max(0, area.Y - margin);
        var x2 = Math.Min(frame.Width, area.Right + margin);
        var y2 = Math.Min(frame.Height, area.Bottom + margin);
        return new PixelBox(x1, y1, x2 - x1, y2 - y1);
    }

    // Windows of people standing close overlap, and a changed area can hold a followed face: keep one box per face.
    private static void AddDistinct(List<FaceDetection> found, IEnumerable<FaceDetection> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!found.Any(f => f.Box.IntersectionOverUnion(candidate.Box) > 0.3))
            {
                found.Add(candidate);
            }
        }
    }

    private static PixelBox[] Windows(IReadOnlyList<FaceDetection> faces, double margin, Mat frame) =>
        faces.Select(f => f.Box.ExpandAndClip(margin, frame.Width, frame.Height)).ToArray();
}
