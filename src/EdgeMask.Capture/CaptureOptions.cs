using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Capture;

/// <summary>The "Capture" configuration section: which source to read and how to keep it alive.</summary>
public sealed class CaptureOptions
{
    public const string SectionName = "Capture";

    /// <summary>Camera, File or Pipe. Default Camera.</summary>
    public CaptureSourceKind Source { get; set; } = CaptureSourceKind.Camera;

    /// <summary>Camera index ("0") or V4L2 device path ("/dev/video0"). Default "0".</summary>
    public string Device { get; set; } = "0";

    /// <summary>Frame width in pixels requested from the camera. Default 640, range 16-7680.</summary>
    [Range(16, 7680, ErrorMessage = "Capture:Width must be 16-7680 pixels")]
    public int Width { get; set; } = 640;

    /// <summary>Frame height in pixels requested from the camera. Default 480, range 16-4320.</summary>
    [Range(16, 4320, ErrorMessage = "Capture:Height must be 16-4320 pixels")]
    public int Height { get; set; } = 480;

    /// <summary>Frames per second requested from the camera. Default 30, range 1-240.</summary>
    [Range(1.0, 240.0, ErrorMessage = "Capture:Fps must be 1-240 frames per second")]
    public double Fps { get; set; } = 30;

    /// <summary>Pixel format requested from the camera as a four-character code, or empty for the camera's default. Default "MJPG".</summary>
    [RegularExpression("^([A-Za-z0-9 ]{4})?$", ErrorMessage = "Capture:FourCc must be four letters or digits such as MJPG or YUYV, or empty for the camera's default")]
    public string FourCc { get; set; } = "MJPG";

    /// <summary>Video file to read when Source is File. No default.</summary>
    public string? Path { get; set; }

    /// <summary>Start the file again after its last frame. Default false (the pipeline ends with the file).</summary>
    public bool Loop { get; set; }

    /// <summary>FilePace (real time at the file's frame rate) or AsFastAsPossible. Default FilePace.</summary>
    public FilePacing Pacing { get; set; } = FilePacing.FilePace;

    /// <summary>
    /// Program and arguments, split like a POSIX shell splits words (quotes group, no variables or pipes),
    /// that writes raw frames to stdout when Source is Pipe. No default.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Width in pixels of the frames the pipe command writes. Required for Pipe, range 16-7680.</summary>
    [Range(0, 7680, ErrorMessage = "Capture:PipeFrameWidth must be 16-7680 pixels")]
    public int PipeFrameWidth { get; set; }

    /// <summary>Height in pixels of the frames the pipe command writes. Required for Pipe, range 16-4320.</summary>
    [Range(0, 4320, ErrorMessage = "Capture:PipeFrameHeight must be 16-4320 pixels")]
    public int PipeFrameHeight { get; set; }

    /// <summary>Bgr24, Yuv420p or Gray: the layout of the frames the pipe command writes. Default Bgr24.</summary>
    public PipePixelFormat PipePixelFormat { get; set; } = PipePixelFormat.Bgr24;

    /// <summary>No frame for this long means the source is lost: it is closed and reopened. Default 5 s, range 0.1 s-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "Capture:FrameTimeout must be 00:00:00.1-00:10:00")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the first reopen; each failed attempt doubles it (with ±20 % jitter). Default 1 s, range 10 ms-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:10:00", ErrorMessage = "Capture:ReconnectInitialDelay must be 00:00:00.01-00:10:00")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reopen attempts. Default 30 s, range 10 ms-1 h, at least ReconnectInitialDelay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00", ErrorMessage = "Capture:ReconnectMaxDelay must be 00:00:00.01-01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Frames waiting between capture and processing. Default 1 (only the newest frame waits), range 1-16.</summary>
    [Range(1, 16, ErrorMessage = "Capture:ChannelCapacity must be 1-16 frames")]
    public int ChannelCapacity { get; set; } = 1;

    /// <summary>
    /// True: when processing is slower than capture, the oldest waiting frame is dropped (live sources).
    /// False: capture waits for processing, so every frame is processed (replay). Default true.
    /// </summary>
    public bool DropFrames { get; set; } = true;

    /// <summary>A file that is not looped ends; every other source is expected to deliver forever.</summary>
    internal bool IsFinite => Source == CaptureSourceKind.File && !Loop;
}
