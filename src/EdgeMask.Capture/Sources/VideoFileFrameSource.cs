using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeMask.Capture.Sources;

/// <summary>
/// A video file decoded by OpenCV's FFmpeg backend, once or looped, paced in real time at the file's frame
/// rate or read as fast as it decodes. Pacing waits on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class VideoFileFrameSource : IFrameSource
{
    // Used when a file declares no usable frame rate (some raw or damaged streams).
    private const double FallbackFramesPerSecond = 25;

    private readonly string _path;
    private readonly bool _loop;
    private readonly FilePacing _pacing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private VideoCapture? _capture;
    private TimeSpan _frameInterval;
    private long _paceOrigin;
    private long _framesPaced;
    private long _framesRead;

    public VideoFileFrameSource(string path, bool loop, FilePacing pacing, TimeProvider time, ILogger logger)
    {
        _path = path;
        _loop = loop;
        _pacing = pacing;
        _time = time;
        _logger = logger;
        Description = $"file {path}";
    }

    public string Description { get; private set; }

    /// <summary>Time between frames when paced: one over the file's frame rate.</summary>
    public TimeSpan FrameInterval => _frameInterval;

    public TimeSpan? LastFramePosition => _framesRead == 0 ? null : _frameInterval * (_framesRead - 1);

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_capture is not null)
        {
            throw new InvalidOperationException($"{Description} is already open");
        }

        if (!File.Exists(_path))
        {
            throw new FrameSourceException($"video file '{_path}' does not exist (Capture:Path)");
        }

        var capture = new VideoCapture(_path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException($"video file '{_path}' cannot be opened: not a video, or a codec the bundled FFmpeg does not decode (MJPG .avi works everywhere)");
        }

        var fps = capture.Fps;
        if (!double.IsFinite(fps) || fps <= 0)
        {
            _logger.LogWarning("Video file {Path} declares no frame rate; pacing at {Fps} fps", _path, FallbackFramesPerSecond);
            fps = FallbackFramesPerSecond;
        }

        _frameInterval = TimeSpan.FromSeconds(1 / fps);
        _framesPaced = 0;
        _framesRead = 0;
        _capture = capture;
        Description = $"file {Path.GetFileName(_path)} {capture.FrameWidth}x{capture.FrameHeight}@{fps:0.##} ({capture.FrameCount} frames{(_loop ? ", looping" : string.Empty)}, {_pacing})";
        return ValueTask.CompletedTask;
    }

    public async ValueTask<bool> ReadAsync(Mat destination, CancellationToken cancellationToken)
    {
        var capture = _capture ?? throw new InvalidOperationException($"{Description} is not open");
        cancellationToken.ThrowIfCancellationRequested();
        if (!capture.Read(destination) || destination.Empty())
        {
            if (!_loop)
            {
                return false;
            }

            capture.Set(VideoCaptureProperties.PosFrames, 0);
            if (!capture.Read(destination) || destination.Empty())
            {
                throw new FrameSourceException($"video file '{_path}' has no readable frame to loop back to");
            }
        }

        _framesRead++;
        if (_pacing == FilePacing.FilePace)
        {
            await WaitUntilDueAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public ValueTask CloseAsync()
    {
        _capture?.Dispose();
        _capture = null;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Frame n is due n intervals after the first; a reader that fell behind restarts the schedule instead of bursting.</summary>
    private async ValueTask WaitUntilDueAsync(CancellationToken cancellationToken)
    {
        if (_framesPaced == 0)
        {
            _paceOrigin = _time.GetTimestamp();
            _framesPaced = 1;
            return;
        }

        var due = _frameInterval * _framesPaced;
        var wait = due - _time.GetElapsedTime(_paceOrigin);
        if (wait < -_frameInterval)
        {
            _paceOrigin = _time.GetTimestamp();
            _framesPaced = 1;
            return;
        }

        _framesPaced++;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
