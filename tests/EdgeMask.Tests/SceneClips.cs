using EdgeMask.Evaluation.Fixtures;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Tests;

/// <summary>Test clips built from real face photos (opencv-doc's face_swapped.jpg, and ../shared crops when present).</summary>
internal static class SceneClips
{
    /// <summary>A clip of one unmasked face (and, with ../shared, one masked face) walking slowly across a street photo.</summary>
    public static string WriteDoorClip(string directory, int frames, bool withMaskedFace)
    {
        var path = Path.Combine(directory, "door.avi");
        using var face = PeopleScene.LoadFace(SystemTools.FrontalFaceDefault);
        using var background = PeopleScene.LoadBackground();
        using var scaledBackground = background.Resize(new Size(640, 480));
        using var bare = face.Resize(new Size(150, 150));
        using var masked = withMaskedFace ? LoadMaskedCrop() : null;
        using var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(640, 480));
        using var canvas = new Mat();
        for (var i = 0; i < frames; i++)
        {
            scaledBackground.CopyTo(canvas);
            Paste(canvas, bare, 60 + (i * 2), 140);
            if (masked is not null)
            {
                Paste(canvas, masked, 400 - i, 150);
            }

            writer.Write(canvas);
        }

        return path;
    }

    private static Mat? LoadMaskedCrop()
    {
        var crops = RepoPaths.MaskCrops;
        if (crops is null)
        {
            return null;
        }

        var file = Directory.EnumerateFiles(Path.Combine(crops, "with_mask")).Order(StringComparer.Ordinal).First();
        using var crop = Cv2.ImRead(file);
        return crop.Resize(new Size(160, 160));
    }

    private static void Paste(Mat canvas, Mat image, int x, int y)
    {
        using var target = new Mat(canvas, new Rect(x, y, image.Width, image.Height));
        image.CopyTo(target);
    }
}
