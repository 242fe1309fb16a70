using EdgeMask.Detection.Learned;
using OpenCvSharp;

namespace EdgeMask.FaceApiConverter.Quantization;

/// <summary>
/// Calibration inputs for the int8 detector: the JPEG photos of a folder (by default Debian's opencv-doc samples,
/// real photos of people, streets and objects), prepared exactly as the detector prepares a frame.
/// </summary>
internal static class CalibrationImages
{
    public const string DefaultDirectory = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>Fewer photos than this give ranges too unsure to trust.</summary>
    public const int MinimumImages = 8;

    public static IReadOnlyList<string> Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Calibration image folder '{directory}' does not exist (Debian: apt-get install opencv-doc, or pass --calibration-images DIR).");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count < MinimumImages)
        {
            throw new InvalidDataException($"Calibration image folder '{directory}' holds {files.Count} JPEG photos; at least {MinimumImages} are needed.");
        }

        return files;
    }

    /// <summary>Each photo as a [1, 3, size, size] RGB 0-255 tensor; unreadable files are an error.</summary>
    public static IEnumerable<float[]> Tensors(IEnumerable<string> files, int inputSizePixels)
    {
        var writer = new FaceApiInputWriter(inputSizePixels);
        foreach (var file in files)
        {
            using var image = Cv2.ImRead(file, ImreadModes.Color);
            if (image.Empty())
            {
                throw new InvalidDataException($"Calibration photo '{file}' could not be read.");
            }

            writer.Write(image);
            yield return (float[])writer.Tensor.Clone();
        }
    }
}
