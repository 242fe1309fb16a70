using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Tests;

/// <summary>
/// A tiny ImageFolder drawn with OpenCV so trainer tests run without ../shared: cartoon faces of varied skin tone,
/// size and position on varied backgrounds; with_mask ones get a painted mask.
/// </summary>
public static class SyntheticFaces
{
    public static string Create(string root, int perClass = 24, int seed = 3)
    {
        var random = new Random(seed);
        foreach (var (label, masked) in new[] { ("with_mask", true), ("without_mask", false) })
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, label)).FullName;
            for (var i = 0; i < perClass; i++)
            {
                using var image = new Mat(96, 96, MatType.CV_8UC3, new Scalar(random.Next(40, 220), random.Next(40, 220), random.Next(40, 220)));
                var size = random.Next(60, 80);
                var face = new Rect(random.Next(0, 96 - size), random.Next(0, 96 - size), size, size);
                var skin = new Scalar(random.Next(60, 160), random.Next(100, 190), random.Next(150, 240));
                Cv2.Ellipse(image, new Point(face.X + size / 2, face.Y + size / 2), new Size(size * 4 / 10, size / 2), 0, 0, 360, skin, -1);
                Cv2.Circle(image, new Point(face.X + size * 35 / 100, face.Y + size * 4 / 10), Math.Max(2, size / 16), Scalar.Black, -1);
                Cv2.Circle(image, new Point(face.X + size * 65 / 100, face.Y + size * 4 / 10), Math.Max(2, size / 16), Scalar.Black, -1);
                Cv2.Ellipse(image, new Point(face.X + size / 2, face.Y + size * 78 / 100), new Size(size / 7, size / 16), 0, 0, 360, new Scalar(60, 60, 170), -1);
                if (masked)
                {
                    SyntheticMaskPainter.Paint(image, face, MaskPlacement.OverNose, random);
                }

                Cv2.ImWrite(Path.Combine(folder, $"{label}_{i:D3}.jpg"), image);
            }
        }

        return root;
    }
}
