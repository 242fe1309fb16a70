using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Fixtures;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Still frames of <c>edgemask bench</c>'s scene (<see cref="PeopleScene"/>), faces only, and the faces in them.
/// </summary>
public static class BenchScene
{
    public const string CascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    /// <summary>A <paramref name="width"/>x<paramref name="height"/> BGR frame with <paramref name="faces"/> faces (no bodies, no drift).</summary>
    public static Mat Frame(int width, int height, int faces)
    {
        using var face = PeopleScene.LoadFace(CascadePath);
        using var background = PeopleScene.LoadBackground();
        var frame = background.Resize(new Size(width, height));
        var faceSize = PeopleScene.FaceSize(width, height);
        using var scaledFace = face.Resize(new Size(faceSize, faceSize));
        PeopleScene.DrawPeople(frame, scaledFace, body: null, faces);
        return frame;
    }

    /// <summary>The faces of <paramref name="frame"/> as the full-frame cascade finds them; throws unless there are exactly <paramref name="expected"/>.</summary>
    public static PixelBox[] FindFaces(Mat frame, int expected)
    {
        using var cascade = LoadCascade();
        using var gray = frame.CvtColor(ColorConversionCodes.BGR2GRAY);
        var found = cascade.DetectMultiScale(gray, 1.1, 5, HaarDetectionTypes.ScaleImage, new Size(48, 48));
        if (found.Length != expected)
        {
            throw new InvalidOperationException($"Expected {expected} faces in the {frame.Width}x{frame.Height} bench frame, the cascade found {found.Length}.");
        }

        return [.. found.OrderBy(r => r.Y).ThenBy(r => r.X).Select(r => new PixelBox(r.X, r.Y, r.Width, r.Height))];
    }

    public static CascadeClassifier LoadCascade()
    {
        if (!File.Exists(CascadePath))
        {
            throw new FileNotFoundException($"{CascadePath} is missing: install the opencv-data package.", CascadePath);
        }

        return new CascadeClassifier(CascadePath);
    }
}
