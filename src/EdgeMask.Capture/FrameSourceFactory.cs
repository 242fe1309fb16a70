using EdgeMask.Capture.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Capture;

/// <summary>Builds the camera, file or pipe source that <see cref="CaptureOptions.Source"/> names.</summary>
internal sealed class FrameSourceFactory : IFrameSourceFactory
{
    private readonly IOptions<CaptureOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public FrameSourceFactory(IOptions<CaptureOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _time = time;
        _loggers = loggers;
    }

    public IFrameSource Create()
    {
        var options = _options.Value;
        return options.Source switch
        {
            CaptureSourceKind.Camera => new CameraFrameSource(
                CameraDevice.TryParse(options.Device, out var device)
                    ? device
                    : throw new FrameSourceException($"Capture:Device must be a camera index or /dev/videoN path, got '{options.Device}'"),
                options,
                _loggers.CreateLogger<CameraFrameSource>()),
            CaptureSourceKind.File => new VideoFileFrameSource(
                options.Path ?? throw new FrameSourceException("Capture:Path is required when Capture:Source is File"),
                options.Loop,
                options.Pacing,
                _time,
                _loggers.CreateLogger<VideoFileFrameSource>()),
            CaptureSourceKind.Pipe => new PipeFrameSource(
                options.Command ?? throw new FrameSourceException("Capture:Command is required when Capture:Source is Pipe"),
                options.PipeFrameWidth,
                options.PipeFrameHeight,
                options.PipePixelFormat,
                _loggers.CreateLogger<PipeFrameSource>()),
            _ => throw new FrameSourceException($"Capture:Source '{options.Source}' is not Camera, File or Pipe"),
        };
    }
}
