using OpenCvSharp;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// Test scenes from the OpenCV sample photos: messi5.jpg as it is, and its face region scaled and composited into
/// other photos at several sizes and positions, in frames of different aspect ratios.
/// </summary>
internal static class SceneImages
{
    private static readonly Rect MessiFace = new(195, 55, 95, 110);

    public static List<(string Name, Mat Image)> Create()
    {
        var messi = Load("messi5.jpg");
        var face = new Mat(messi, MessiFace);
        var scenes = new List<(string, Mat)> { ("messi5", messi.Clone()) };

        var home = Load("home.jpg");
        Paste(home, face, scale: 2.0, x: 60, y: 40);
        Paste(home, face, scale: 1.0, x: 390, y: 250);
        scenes.Add(("home-two-faces", home));

        using var building = Load("building.jpg");
        var wide = new Mat();
        Cv2.Resize(building, wide, new Size(1280, 720));
        Paste(wide, messi, scale: 1.2, x: 600, y: 250);
        Paste(wide, face, scale: 2.6, x: 80, y: 120);
        scenes.Add(("wide-1280x720", wide));

        var tall = new Mat(new Size(360, 640), MatType.CV_8UC3, new Scalar(90, 110, 130));
        Paste(tall, face, scale: 2.5, x: 40, y: 300);
        scenes.Add(("portrait-360x640", tall));

        face.Dispose();
        messi.Dispose();
        return scenes;
    }

    private static Mat Load(string name)
    {
        var path = Path.Combine(SystemTools.OpenCvSamples, name);
        var image = Cv2.ImRead(path, ImreadModes.Color);
        return image.Empty() ? throw new FileNotFoundException($"OpenCV sample photo missing (apt package opencv-doc): {path}", path) : image;
    }

    private static void Paste(Mat scene, Mat patch, double scale, int x, int y)
    {
        using var resized = new Mat();
        Cv2.Resize(patch, resized, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        using var target = new Mat(scene, new Rect(x, y, resized.Width, resized.Height));
        resized.CopyTo(target);
    }
}
