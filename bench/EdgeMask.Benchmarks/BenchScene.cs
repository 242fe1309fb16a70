using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Still frames in the style of `edgemask bench`'s clips (src/EdgeMask/Benchmarking/BenchClip.cs): the same
/// opencv-doc face photo, cut the same way, pasted in a grid (up to 4 per row) onto the building.jpg sample. Kept
/// here, faces only, rather than referencing the daemon's executable project.
/// </summary>
public static class BenchScene
{
    public const string CascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    public const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    public const string Background = "/usr/share/doc/opencv-doc/examples/data/building.jpg";

    /// <summary>A <paramref name="width"/>x<paramref name="height"/> BGR frame with <paramref name="faces"/> faces.</summary>
    public static Mat Frame(int width, int height, int faces)
    {
        using var face = LoadFace();
        using var background = Read(Background);
        var frame = background.Resize(new Size(width, height));
        var faceSize = Math.Max(48, Math.Min(width / 6, height / 3));
        using var scaledFace = face.Resize(new Size(faceSize, faceSize));
        var columns = Math.Max(1, Math.Min(faces, 4));
        for (var i = 0; i < faces; i++)
        {
            var cellWidth = width / columns;
            var x = Math.Clamp(((i % columns) * cellWidth) + ((cellWidth - faceSize) / 2), 0, width - faceSize);
            var y = Math.Clamp(((i / columns) * (height / 2)) + (((height / 2) - faceSize) / 2), 0, height - faceSize);
            using var target = new Mat(frame, new Rect(x, y, faceSize, faceSize));
            scaledFace.CopyTo(target);
        }

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

    // The face of the photo with a quarter of its width as margin, as BenchClip.LoadFace cuts it.
    private static Mat LoadFace()
    {
        using var photo = Read(FacePhoto);
        using var cascade = LoadCascade();
        using var gray = photo.CvtColor(ColorConversionCodes.BGR2GRAY);
        var faces = cascade.DetectMultiScale(gray, 1.05, 5);
        if (faces.Length == 0)
        {
            throw new InvalidOperationException($"No face found in {FacePhoto}.");
        }

        var face = faces.MaxBy(r => r.Width * r.Height);
        var margin = face.Width / 4;
        var rect = new Rect(face.X - margin, face.Y - margin, face.Width + (2 * margin), face.Height + (2 * margin)) & new Rect(0, 0, photo.Width, photo.Height);
        return new Mat(photo, rect).Clone();
    }

    private static Mat Read(string path)
    {
        var image = Cv2.ImRead(path);
        if (image.Empty())
        {
            image.Dispose();
            throw new FileNotFoundException($"{path} is missing or unreadable: install the opencv-doc package.", path);
        }

        return image;
    }
}
