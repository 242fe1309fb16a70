using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Detection;

/// <summary>
/// Where the scene changed since the detector last looked: a small grey thumbnail of each frame compared pixel by
/// pixel with the thumbnail of the frame last searched. The thumbnail is sized so that the smallest face the detector
/// looks for still covers several thumbnail pixels, so a small face entering an otherwise still scene is noticed;
/// averaging many frame pixels into one also evens out sensor noise.
/// </summary>
internal sealed class MotionMap : IDisposable
{
    /// <summary>Width, in thumbnail pixels, that the smallest face is given.</summary>
    private const double SmallestFaceThumbnailPixels = 6;

    private const int MaxThumbnailWidth = 320;

    /// <summary>Fewer changed thumbnail pixels than this are noise (a flicker, a compression artefact), not motion.</summary>
    private const int MinChangedPixels = 4;

    private readonly Mat _small = new();
    private readonly Mat _thumbnail = new();
    private readonly Mat _reference = new();
    private readonly Mat _changed = new();
    private double _toFrame = 1;

    /// <summary>False until <see cref="MarkSearched"/> is called for a frame of the current size.</summary>
    public bool HasReference { get; private set; }

    /// <summary>Makes the thumbnail of <paramref name="frame"/>; the frame size may change between calls (a reopened camera).</summary>
    public void Update(Mat frame, int minFaceSizePixels)
    {
        var scale = Math.Min(1.0, SmallestFaceThumbnailPixels / Math.Max(1, minFaceSizePixels));
        var width = Math.Clamp((int)Math.Round(frame.Width * scale), 1, MaxThumbnailWidth);
        var height = Math.Max(1, (int)Math.Round(frame.Height * (double)width / frame.Width));
        _toFrame = (double)frame.Width / width;

        Cv2.Resize(frame, _small, new Size(width, height), interpolation: InterpolationFlags.Area);
        switch (_small.Channels())
        {
            case 3:
                Cv2.CvtColor(_small, _thumbnail, ColorConversionCodes.BGR2GRAY);
                break;
            case 4:
                Cv2.CvtColor(_small, _thumbnail, ColorConversionCodes.BGRA2GRAY);
                break;
            default:
                _small.CopyTo(_thumbnail);
                break;
        }

        if (HasReference && _reference.Size() != _thumbnail.Size())
        {
            HasReference = false;
        }
    }

    /// <summary>The frame last given to <see cref="Update"/> is the one the detector searched: later changes count from it.</summary>
    public void MarkSearched()
    {
        _thumbnail.CopyTo(_reference);
        HasReference = true;
    }

    /// <summary>
    /// The box, in frame pixels, around every thumbnail pixel whose grey level changed by more than
    /// <paramref name="threshold"/> since <see cref="MarkSearched"/>, leaving out the <paramref name="ignored"/> boxes
    /// (areas searched anyway). Empty when too few pixels changed to be anything but noise.
    /// </summary>
    public PixelBox ChangedArea(double threshold, IEnumerable<PixelBox> ignored)
    {
        if (!HasReference)
        {
            throw new InvalidOperationException("No searched frame to compare with; call MarkSearched first.");
        }

        Cv2.Absdiff(_thumbnail, _reference, _changed);
        Cv2.Threshold(_changed, _changed, threshold, 255, ThresholdTypes.Binary);
        foreach (var box in ignored)
        {
            var x1 = (int)Math.Floor(box.X / _toFrame);
            var y1 = (int)Math.Floor(box.Y / _toFrame);
            var x2 = (int)Math.Ceiling(box.Right / _toFrame);
            var y2 = (int)Math.Ceiling(box.Bottom / _toFrame);
            Cv2.Rectangle(_changed, new Rect(x1, y1, x2 - x1, y2 - y1), Scalar.Black, thickness: -1);
        }

        if (Cv2.CountNonZero(_changed) < MinChangedPixels)
        {
            return default;
        }

        var area = Cv2.BoundingRect(_changed);
        var x = (int)Math.Floor(area.X * _toFrame);
        var y = (int)Math.Floor(area.Y * _toFrame);
        return new PixelBox(x, y, (int)Math.Ceiling(area.Right * _toFrame) - x, (int)Math.Ceiling(area.Bottom * _toFrame) - y);
    }

    public void Dispose()
    {
        _small.Dispose();
        _thumbnail.Dispose();
        _reference.Dispose();
        _changed.Dispose();
    }
}
