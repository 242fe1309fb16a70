using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeMask.Capture.Sources;

/// <summary>
/// A V4L2 camera through OpenCV. OpenCV's calls block (a read waits for the next frame), so each runs on the
/// thread pool and the caller awaits it with its cancellation token; <see cref="CloseAsync"/> waits for the
/// call still in flight before releasing the device, so a cancelled read never touches a released camera.
/// </summary>
internal sealed class CameraFrameSource : IFrameSource
{
    private readonly CameraDevice _device;
    private readonly CaptureOptions _options;
    private readonly ILogger _logger;
    private VideoCapture? _capture;
    private Task _inFlight = Task.CompletedTask;

    public CameraFrameSource(CameraDevice device, CaptureOptions options, ILogger logger)
    {
        _device = device;
        _options = options;
        _logger = logger;
        Description = $"camera {device} (requested {options.Width}x{options.Height}@{options.Fps:0.##} {FourCcText(options.FourCc)})";
    }

    public string Description { get; private set; }

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_capture is not null)
        {
            throw new InvalidOperationException($"{Description} is already open");
        }

        if (!File.Exists(_device.Path))
        {
            throw new FrameSourceException($"camera {_device} does not exist (not plugged in, wrong Capture:Device, or the device is not passed into this container)");
        }

        var open = Task.Run(OpenDevice, CancellationToken.None);
        _inFlight = open;
        await open.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> ReadAsync(Mat destination, CancellationToken cancellationToken)
    {
        var capture = _capture ?? throw new InvalidOperationException($"{Description} is not open");
        var read = Task.Run(() => capture.Read(destination), CancellationToken.None);
        _inFlight = read;
        if (!await read.WaitAsync(cancellationToken).ConfigureAwait(false) || destination.Empty())
        {
            throw new FrameSourceException($"{Description} stopped delivering frames (the read failed: unplugged or the driver reset)");
        }

        return true;
    }

    public async ValueTask CloseAsync()
    {
        try
        {
            await _inFlight.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Last call on {Camera} failed while closing", _device);
        }

        _capture?.Release();
        _capture?.Dispose();
        _capture = null;
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private void OpenDevice()
    {
        var capture = _device.Index is int index
            ? new VideoCapture(index, VideoCaptureAPIs.V4L2)
            : new VideoCapture(_device.Path, VideoCaptureAPIs.V4L2);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException($"camera {_device} exists but V4L2 cannot open it (in use by another program, no permission: is the user in the 'video' group?, or not a capture device)");
        }

        if (_options.FourCc.Length == 4)
        {
            capture.Set(VideoCaptureProperties.FourCC, VideoWriter.FourCC(_options.FourCc[0], _options.FourCc[1], _options.FourCc[2], _options.FourCc[3]));
        }

        capture.Set(VideoCaptureProperties.FrameWidth, _options.Width);
        capture.Set(VideoCaptureProperties.FrameHeight, _options.Height);
        capture.Set(VideoCaptureProperties.Fps, _options.Fps);

        // Cameras round requests to modes they support; what matters downstream is what they gave.
        Description = $"camera {_device} {capture.FrameWidth}x{capture.FrameHeight}@{capture.Fps:0.##} {FourCcText(capture.FourCC)}";
        _logger.LogInformation(
            "Camera {Device}: requested {RequestedWidth}x{RequestedHeight}@{RequestedFps} {RequestedFourCc}, got {Width}x{Height}@{Fps} {FourCc}",
            _device,
            _options.Width,
            _options.Height,
            _options.Fps,
            FourCcText(_options.FourCc),
            capture.FrameWidth,
            capture.FrameHeight,
            capture.Fps,
            FourCcText(capture.FourCC));
        _capture = capture;
    }

    private static string FourCcText(string? fourCc) => string.IsNullOrWhiteSpace(fourCc) ? "default format" : fourCc.Trim('\0', ' ');
}
