using EdgeMask.Evaluation.Fixtures;
using EdgeMask.Evaluation.Robustness;
using OpenCvSharp;

namespace EdgeMask.Benchmarking;

/// <summary>
/// A synthetic scene clip for the benchmark (<see cref="PeopleScene"/>: a real face photo above a textured body on a
/// real background), the people drifting a few pixels per frame so trackers and detectors do real work.
/// Written as MJPG .avi, as a USB camera would deliver, so decoding is measured too.
/// </summary>
public static class BenchClip
{
    /// <summary>The infrared condition's contrast (CameraCondition "infrared").</summary>
    private const double NightContrast = 0.45;

    /// <summary>
    /// Writes a clip of <paramref name="faces"/> people (a face with a body below it, both drifting a few pixels per
    /// frame, as people standing at a door do) and, when <paramref name="passerBy"/> is set, one more person seen
    /// from behind (a body, no face) walking across the frame. A <paramref name="night"/> clip is what a camera in
    /// infrared night mode delivers (grey, flat, soft: the robustness suite's infrared condition), so its faces go to
    /// the grey model.
    /// </summary>
    public static string Write(string directory, int width, int height, int faces, int frames, Mat face, Mat background, Mat clothing, bool passerBy = false, bool night = false)
    {
        var path = Path.Combine(directory, $"bench_{width}x{height}_{faces}faces{(passerBy ? "_passerby" : "")}{(night ? "_night" : "")}.avi");
        using var writer = new VideoWriter(path, FourCC.MJPG, 30, new Size(width, height));
        if (!writer.IsOpened())
        {
            throw new IOException($"Cannot write benchmark clip {path}");
        }

        using var scaledBackground = background.Resize(new Size(width, height));
        var faceSize = PeopleScene.FaceSize(width, height);
        using var scaledFace = face.Resize(new Size(faceSize, faceSize));
        var bodyWidth = Math.Min(width / Math.Max(1, Math.Min(faces, 4)), faceSize * 3 / 2);
        using var body = clothing.Resize(new Size(bodyWidth, height));
        using var canvas = new Mat();
        for (var f = 0; f < frames; f++)
        {
            scaledBackground.CopyTo(canvas);
            if (passerBy)
            {
                var x = (int)((long)f * (width - bodyWidth) / Math.Max(1, frames - 1));
                PeopleScene.Paste(body, canvas, x, height / 4, bodyWidth, height - (height / 4));
            }

            PeopleScene.DrawPeople(canvas, scaledFace, body, faces, (f % 10) - 5, (f % 6) - 3);
            if (night)
            {
                CameraEffects.InfraredNight(canvas, NightContrast);
            }

            writer.Write(canvas);
        }

        return path;
    }
}
