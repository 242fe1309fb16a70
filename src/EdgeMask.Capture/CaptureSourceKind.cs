namespace EdgeMask.Capture;

/// <summary>Where frames come from.</summary>
public enum CaptureSourceKind
{
    /// <summary>A V4L2 camera (USB webcam, or a CSI camera exposed as /dev/videoN).</summary>
    Camera,

    /// <summary>A video file, replayed once or looped.</summary>
    File,

    /// <summary>A child process that writes raw frames to stdout (ffmpeg, rpicam-vid, gst-launch-1.0).</summary>
    Pipe,
}
