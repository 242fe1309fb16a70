using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Turns a BGR image and a face box into the network's input, the way docs/model-format.md says the daemon does:
/// grow the box by the margin, clip it to the image, resize to W x H (bilinear), BGR to RGB, scale to [0, 1],
/// subtract the mean and divide by the std. Without a face box the whole image is taken as the crop.
/// </summary>
public sealed class CropPreprocessor(InputSpec spec)
{
    public InputSpec Spec { get; } = spec;

    public static Rect Grow(Rect face, double margin, Size imageSize)
    {
        var dx = (int)Math.Round(face.Width * margin);
        var dy = (int)Math.Round(face.Height * margin);
        var grown = new Rect(face.X - dx, face.Y - dy, face.Width + 2 * dx, face.Height + 2 * dy);
        return grown & new Rect(0, 0, imageSize.Width, imageSize.Height);
    }

    /// <summary>The runtime-style crop of <paramref name="bgr"/>, resized to the input size (a new Mat).</summary>
    public Mat Crop(Mat bgr, Rect? face)
    {
        var box = face is { } f ? Grow(f, Spec.CropMargin, bgr.Size()) : new Rect(0, 0, bgr.Width, bgr.Height);
        using var roi = new Mat(bgr, box);
        var resized = new Mat();
        Cv2.Resize(roi, resized, new Size(Spec.Width, Spec.Height), 0, 0, InterpolationFlags.Linear);
        return resized;
    }

    /// <summary>Writes the normalised CHW RGB values of an input-sized BGR image into <paramref name="destination"/>.</summary>
    public void Normalize(Mat inputSizedBgr, Span<float> destination)
    {
        if (inputSizedBgr.Width != Spec.Width || inputSizedBgr.Height != Spec.Height || inputSizedBgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a {Spec.Width}x{Spec.Height} 8-bit BGR image, got {inputSizedBgr.Width}x{inputSizedBgr.Height} {inputSizedBgr.Type()}.", nameof(inputSizedBgr));
        }

        var plane = Spec.Width * Spec.Height;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {3 * plane} needed.", nameof(destination));
        }

        var rows = inputSizedBgr.AsRows<Vec3b>();
        for (var y = 0; y < Spec.Height; y++)
        {
            var row = rows[y];
            for (var x = 0; x < Spec.Width; x++)
            {
                var pixel = row[x];
                var offset = y * Spec.Width + x;
                // Channel c of the RGB input is BGR channel 2 - c.
                destination[offset] = (pixel.Item2 / 255f - Spec.Mean[0]) / Spec.Std[0];
                destination[plane + offset] = (pixel.Item1 / 255f - Spec.Mean[1]) / Spec.Std[1];
                destination[2 * plane + offset] = (pixel.Item0 / 255f - Spec.Mean[2]) / Spec.Std[2];
            }
        }
    }
}
