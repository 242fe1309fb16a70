using OpenCvSharp;

namespace EdgeMask.Evaluation.Fixtures;

/// <summary>
/// Synthetic people for benchmarks, from photos every machine that runs ./build.sh has (Debian's opencv-doc): a real
/// face photo, optionally above a textured body, placed in a grid of up to 4 per row on a real background. Shared by
/// <c>edgemask bench</c>'s clips and the BenchmarkDotNet frames so both measure the same scene.
/// </summary>
public static class PeopleScene
{
    public const string SamplesDirectory = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>A frontal, well-lit face photo shipped with Debian's opencv-doc (its face-swapping tutorial).</summary>
    public const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    /// <summary>Side of each pasted face in a frame of the given size.</summary>
    public static int FaceSize(int width, int height) => Math.Max(48, Math.Min(width / 6, height / 3));

    /// <summary>
    /// Pastes <paramref name="faces"/> copies of <paramref name="scaledFace"/> in a grid, each moved by
    /// (<paramref name="dx"/>, <paramref name="dy"/>) and, when <paramref name="body"/> is given, standing on a copy
    /// of it that reaches the bottom of its grid row.
    /// </summary>
    public static void DrawPeople(Mat canvas, Mat scaledFace, Mat? body, int faces, int dx = 0, int dy = 0)
    {
        var (width, height) = (canvas.Width, canvas.Height);
        var faceSize = scaledFace.Width;
        var columns = Math.Max(1, Math.Min(faces, 4));
        var cellWidth = width / columns;
        for (var i = 0; i < faces; i++)
        {
            var x = Math.Clamp(((i % columns) * cellWidth) + ((cellWidth - faceSize) / 2) + dx, 0, width - faceSize);
            var y = Math.Clamp(((i / columns) * (height / 2)) + (((height / 2) - faceSize) / 2) + dy, 0, height - faceSize);
            if (body is not null)
            {
                var bodyTop = y + faceSize;
                var bodyBottom = Math.Min(height, ((i / columns) + 1) * (height / 2));
                Paste(body, canvas, x + ((faceSize - body.Width) / 2), bodyTop, body.Width, bodyBottom - bodyTop);
            }

            Paste(scaledFace, canvas, x, y, faceSize, faceSize);
        }
    }

    /// <summary>Copies the top-left part of <paramref name="source"/> into <paramref name="canvas"/> at (x, y), clipped to the canvas.</summary>
    public static void Paste(Mat source, Mat canvas, int x, int y, int width, int height)
    {
        var target = new Rect(x, y, width, height) & new Rect(0, 0, canvas.Width, canvas.Height);
        if (target.Width <= 0 || target.Height <= 0)
        {
            return;
        }

        using var from = new Mat(source, new Rect(target.X - x, target.Y - y, Math.Min(target.Width, source.Width), Math.Min(target.Height, source.Height)));
        using var to = new Mat(canvas, new Rect(target.X, target.Y, from.Width, from.Height));
        from.CopyTo(to);
    }

    /// <summary>The face of <see cref="FacePhoto"/>, cropped with a quarter of its width as margin, found with the given cascade.</summary>
    public static Mat LoadFace(string cascadePath)
    {
        using var photo = Read(FacePhoto);
        using var cascade = new CascadeClassifier(cascadePath);
        using var gray = photo.CvtColor(ColorConversionCodes.BGR2GRAY);
        var faces = cascade.DetectMultiScale(gray, 1.05, 5);
        if (faces.Length == 0)
        {
            throw new InvalidOperationException($"No face found in {FacePhoto}; the cascade file may be wrong.");
        }

        var face = faces.MaxBy(r => r.Width * r.Height);
        var margin = face.Width / 4;
        var rect = new Rect(face.X - margin, face.Y - margin, face.Width + (2 * margin), face.Height + (2 * margin)) & new Rect(0, 0, photo.Width, photo.Height);
        return new Mat(photo, rect).Clone();
    }

    /// <summary>opencv-doc's <c>building.jpg</c>: the background of the scenes.</summary>
    public static Mat LoadBackground() => Read(Path.Combine(SamplesDirectory, "building.jpg"));

    /// <summary>A textured photo (fruit) used as the clothes of the scenes' people.</summary>
    public static Mat LoadClothing() => Read(Path.Combine(SamplesDirectory, "fruits.jpg"));

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
