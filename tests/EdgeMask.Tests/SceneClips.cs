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

    /// <summary>
    /// An entrance clip from real photos: four people side by side walking slowly towards a 640x480 camera (faces
    /// growing from about 80 to 120 px over the clip): opencv-doc's bare face, and from ../shared/datasets/mask-crops
    /// one bare and two masked faces of the trainer's test split (never trained on), the first ones in name order where
    /// the daemon's detector finds one clear face. Returns the clip and, per frame, where each face was pasted.
    /// </summary>
    public static (string Path, IReadOnlyList<EntranceFace> Faces) WriteEntranceClip(string directory, int frames, Func<Mat, Rect?> findFace)
    {
        var crops = RepoPaths.RequireMaskCrops();
        var people = new List<(Mat Image, Rect Face, bool Masked)>();
        using (var photo = PeopleScene.LoadFace(SystemTools.FrontalFaceDefault))
        {
            people.Add((photo.Clone(), findFace(photo) ?? throw new InvalidOperationException("no face in opencv-doc's face photo"), false));
        }

        people.AddRange(TestSplitFaces(Path.Combine(crops, "without_mask"), 1, findFace).Select(f => (f.Image, f.Face, false)));
        people.AddRange(TestSplitFaces(Path.Combine(crops, "with_mask"), 2, findFace).Select(f => (f.Image, f.Face, true)));

        // Each person is their face and some surroundings (half a face on every side), so neighbours do not overlap.
        for (var p = 0; p < people.Count; p++)
        {
            var (image, face, masked) = people[p];
            var around = new Rect(face.X - (face.Width / 2), face.Y - (face.Height / 2), face.Width * 2, face.Height * 2) & new Rect(0, 0, image.Width, image.Height);
            var cropped = new Mat(image, around).Clone();
            image.Dispose();
            people[p] = (cropped, new Rect(face.X - around.X, face.Y - around.Y, face.Width, face.Height), masked);
        }

        var path = Path.Combine(directory, "entrance.avi");
        var placed = people.Select(_ => new List<Rect>()).ToArray();
        using var background = PeopleScene.LoadBackground();
        using var scaledBackground = background.Resize(new Size(640, 480));
        using var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(640, 480));
        using var canvas = new Mat();
        for (var i = 0; i < frames; i++)
        {
            scaledBackground.CopyTo(canvas);
            var faceWidth = 80 + (40.0 * i / Math.Max(1, frames - 1));
            for (var p = 0; p < people.Count; p++)
            {
                var (image, face, _) = people[p];
                var scale = faceWidth / face.Width;
                using var scaled = image.Resize(new Size(), scale, scale, InterpolationFlags.Area);
                var x = 10 + (p * 158) + (int)((80 - (face.Width * scale)) / 2) + (i % 3);
                var y = 170 - (int)(face.Y * scale) - (i / 2);
                var target = new Rect(x, y, scaled.Width, scaled.Height) & new Rect(0, 0, 640, 480);
                using (var from = new Mat(scaled, new Rect(target.X - x, target.Y - y, target.Width, target.Height)))
                using (var to = new Mat(canvas, target))
                {
                    from.CopyTo(to);
                }

                placed[p].Add(new Rect(x + (int)(face.X * scale), y + (int)(face.Y * scale), (int)(face.Width * scale), (int)(face.Height * scale)));
            }

            writer.Write(canvas);
        }

        foreach (var (image, _, _) in people)
        {
            image.Dispose();
        }

        return (path, people.Select((person, p) => new EntranceFace(person.Masked, placed[p])).ToList());
    }

    private static IEnumerable<(Mat Image, Rect Face)> TestSplitFaces(string folder, int count, Func<Mat, Rect?> findFace)
    {
        var found = 0;
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Where(IsInTestSplit))
        {
            var image = Cv2.ImRead(file);
            if (findFace(image) is { } face && face.Width >= image.Width / 3)
            {
                found++;
                yield return (image, face);
                if (found == count)
                {
                    yield break;
                }
            }
            else
            {
                image.Dispose();
            }
        }
    }

    // The trainer's split (EdgeMask.Training's SplitFractions): the first 8 bytes of SHA-256(file name) as a fraction
    // of 2^64; 0.85 and above is the test split, which no model was trained or selected on.
    private static bool IsInTestSplit(string path)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path)));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue >= 0.85;
    }
}

/// <summary>One person of an entrance clip: masked or not, and where their face was pasted in each frame.</summary>
internal sealed record EntranceFace(bool Masked, IReadOnlyList<Rect> FaceByFrame);
