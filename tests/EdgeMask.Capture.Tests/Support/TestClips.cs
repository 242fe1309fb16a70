using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Capture.Tests.Support;

/// <summary>
/// Small MJPG clips written once per test run with OpenCV's VideoWriter. Frame i has a grey background of
/// level <see cref="LevelOf"/>(i) and a pure blue left quarter, so tests can check order and channel order.
/// </summary>
public static class TestClips
{
    public const int Width = 320;
    public const int Height = 240;
    public const double FramesPerSecond = 10;
    public const int FrameCount = 20;

    private static readonly Lazy<string> DirectoryLazy = new(() => RepoPaths.NewTempDirectory("capture-clips"));
    private static readonly Lazy<string> ClipLazy = new(() => Write("clip.avi"));

    /// <summary>A 20-frame 320x240 MJPG .avi at 10 fps.</summary>
    public static string Clip => ClipLazy.Value;

    public static string Directory => DirectoryLazy.Value;

    public static int LevelOf(int frameIndex) => 20 + (frameIndex * 10);

    /// <summary>Mean grey level of the right half of a BGR frame (the part without the blue block).</summary>
    public static double BackgroundLevel(Mat bgr)
    {
        using var right = new Mat(bgr, new Rect(bgr.Width / 2, 0, bgr.Width / 2, bgr.Height));
        return Cv2.Mean(right).Val1;
    }

    /// <summary>Mean B, G, R of the left quarter, which the clip paints pure blue.</summary>
    public static Scalar BlueBlock(Mat bgr)
    {
        using var left = new Mat(bgr, new Rect(0, 0, bgr.Width / 4, bgr.Height));
        return Cv2.Mean(left);
    }

    /// <summary>Index of the clip frame whose level is closest to the frame's background.</summary>
    public static int IndexOf(Mat bgr) => (int)Math.Round((BackgroundLevel(bgr) - 20) / 10);

    private static string Write(string name)
    {
        var path = Path.Combine(Directory, name);
        using var writer = new VideoWriter(path, FourCC.MJPG, FramesPerSecond, new Size(Width, Height));
        if (!writer.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV cannot write an MJPG clip to {path}");
        }

        using var frame = new Mat(Height, Width, MatType.CV_8UC3);
        for (var i = 0; i < FrameCount; i++)
        {
            var level = LevelOf(i);
            frame.SetTo(new Scalar(level, level, level));
            frame[new Rect(0, 0, Width / 4, Height)].SetTo(new Scalar(255, 0, 0));
            writer.Write(frame);
        }

        return path;
    }
}
