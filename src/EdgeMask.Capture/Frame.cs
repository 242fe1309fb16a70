using OpenCvSharp;

namespace EdgeMask.Capture;

/// <summary>
/// One captured BGR frame. The consumer owns it and must dispose it when done, which returns its
/// <see cref="Mat"/> to the pool it came from so the next capture reuses the buffer.
/// </summary>
public sealed class Frame : IDisposable
{
    private readonly Action<Mat>? _return;
    private Mat? _image;

    public Frame(Mat image, long sequence, DateTimeOffset timestamp, Action<Mat>? returnToPool = null)
    {
        _image = image;
        Sequence = sequence;
        Timestamp = timestamp;
        _return = returnToPool;
    }

    /// <summary>The BGR image (CV_8UC3).</summary>
    public Mat Image => _image ?? throw new ObjectDisposedException(nameof(Frame));

    /// <summary>Number of the frame since the source was opened the first time; gaps mean dropped frames.</summary>
    public long Sequence { get; }

    public DateTimeOffset Timestamp { get; }

    public void Dispose()
    {
        var image = Interlocked.Exchange(ref _image, null);
        if (image is null)
        {
            return;
        }

        if (_return is null)
        {
            image.Dispose();
        }
        else
        {
            _return(image);
        }
    }
}
