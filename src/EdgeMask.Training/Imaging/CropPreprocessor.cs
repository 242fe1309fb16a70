using EdgeMask.Classification;
using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Turns a BGR image and a face box into the network's input with the daemon's own code: EdgeMask.Classification's
/// <see cref="FaceCrop"/> (face grown by the margin, clipped, bilinear resize) and <see cref="CropTensorWriter"/>
/// (RGB, scaled to [0, 1], mean/std normalised, CHW), after <see cref="CropPreparation"/> (grey, standardised contrast)
/// as the spec asks. Without a face box the whole image is the crop.
/// </summary>
public sealed class CropPreprocessor(InputSpec spec)
{
    private readonly CropTensorWriter _writer = new(ChannelOrder.Rgb, spec.Mean, spec.Std);

    public InputSpec Spec { get; } = spec;

    /// <summary>The runtime-style crop of <paramref name="bgr"/>, resized to the input size (a new Mat).</summary>
    public Mat Crop(Mat bgr, Rect? face)
    {
        var size = new Size(Spec.Width, Spec.Height);
        var crop = new Mat();
        if (face is { } f)
        {
            FaceCrop.Extract(bgr, new PixelBox(f.X, f.Y, f.Width, f.Height), Spec.CropMargin, crop, size);
        }
        else
        {
            Cv2.Resize(bgr, crop, size, interpolation: InterpolationFlags.Linear);
        }

        return crop;
    }

    /// <summary>Writes the normalised CHW RGB values of an input-sized BGR image into <paramref name="destination"/>.</summary>
    public void Normalize(Mat inputSizedBgr, Span<float> destination)
    {
        if (inputSizedBgr.Width != Spec.Width || inputSizedBgr.Height != Spec.Height)
        {
            throw new ArgumentException($"Expected a {Spec.Width}x{Spec.Height} image, got {inputSizedBgr.Width}x{inputSizedBgr.Height}.", nameof(inputSizedBgr));
        }

        using var prepared = new Mat();
        using var luminance = new Mat();
        _writer.Write(CropPreparation.Prepare(inputSizedBgr, Spec.Colour, Spec.Contrast, prepared, luminance), destination);
    }
}
