using OpenCvSharp;

namespace EdgeMask.Benchmarking;

/// <summary>
/// A synthetic scene clip for the benchmark: a real photo as background with people (a real face photo above a
/// textured body) at distinct positions, drifting a few pixels per frame so trackers and detectors do real work.
/// Written as MJPG .avi, as a USB camera would deliver, so decoding is measured too.
/// </summary>
public static class BenchClip
{
    public const string SamplesDirectory = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>A frontal, well-lit face photo shipped with Debian's opencv-doc (its face-swapping tutorial).</summary>
    public const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    /// <summary>
    /// Writes a clip of <paramref name="faces"/> people (a face with a body below it, both drifting a few pixels per
    /// frame, as people standing at a door do) and, when <paramref name="passerBy"/> is set, one more person seen
    /// from behind (a body, no face) walking across the frame.
    /// </summary>
    public static string Write(string directory, int width, int height, int faces, int frames, Mat face, Mat background, Mat clothing, bool passerBy = false)
    {
        var path = Path.Combine(directory, $"bench_{width}x{height}_{faces}faces{(passerBy ? "_passerby" : "")}.avi");
        using var writer = new VideoWriter(path, FourCC.MJPG, 30, new Size(width, height));
        if (!writer.IsOpened())
        {
            throw new IOException($"Cannot write benchmark clip {path}");
        }

        using var scaledBackground = background.Resize(new Size(width, height));
        var faceSize = Math.Max(48, Math.Min(width / 6, height / 3));
        using var scaledFace = face.Resize(new Size(faceSize, faceSize));
        var bodyWidth = Math.Min(width / Math.Max(1, Math.Min(faces, 4)), faceSize * 3 / 2);
        using var body = clothing.Resize(new Size(bodyWidth, height));
        using var canvas = new Mat();
        var columns = Math.Max(1, Math.Min(faces, 4));
        for (var f = 0; f < frames; f++)
        {
            scaledBackground.CopyTo(canvas);
            if (passerBy)
            {
                var x = (int)((long)f * (width - bodyWidth) / Math.Max(1, frames - 1));
                Paste(body, canvas, x, height / 4, bodyWidth, height - (height / 4));
            }

            for (var i = 0; i < faces; i++)
            {
                var cellWidth = width / columns;
                var x = ((i % columns) * cellWidth) + ((cellWidth - faceSize) / 2) + ((f % 10) - 5);
                var y = ((i / columns) * (height / 2)) + ((height / 2) - faceSize) / 2 + ((f % 6) - 3);
                x = Math.Clamp(x, 0, width - faceSize);
                y = Math.Clamp(y, 0, height - faceSize);
                var bodyTop = y + faceSize;
                var bodyBottom = Math.Min(height, ((i / columns) + 1) * (height / 2));
                Paste(body, canvas, x + ((faceSize - bodyWidth) / 2), bodyTop, bodyWidth, bodyBottom - bodyTop);
                Paste(scaledFace, canvas, x, y, faceSize, faceSize);
            }

            writer.Write(canvas);
        }

        return path;
    }

    /// <summary>A textured photo (fruit) used as the clothes of the bench clips' people.</summary>
    public static Mat LoadClothing()
    {
        var clothing = Cv2.ImRead(Path.Combine(SamplesDirectory, "fruits.jpg"));
        if (clothing.Empty())
        {
            throw new FileNotFoundException($"{SamplesDirectory}/fruits.jpg is missing: install the opencv-doc package.");
        }

        return clothing;
    }

    // Copies the top-left part of source into canvas at (x, y), clipped to the canvas.
    private static void Paste(Mat source, Mat canvas, int x, int y, int width, int height)
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

    /// <summary>The face of <see cref="FacePhoto"/>, cropped with a margin, found with the given cascade.</summary>
    public static Mat LoadFace(string cascadePath)
    {
        using var photo = Cv2.ImRead(FacePhoto);
        if (photo.Empty())
        {
            throw new FileNotFoundException($"{FacePhoto} is missing: install the opencv-doc package.");
        }

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

    public static Mat LoadBackground()
    {
        var background = Cv2.ImRead(Path.Combine(SamplesDirectory, "building.jpg"));
        if (background.Empty())
        {
            throw new FileNotFoundException($"{SamplesDirectory}/building.jpg is missing: install the opencv-doc package.");
        }

        return background;
    }
}
