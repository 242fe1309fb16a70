using OpenCvSharp;

namespace EdgeMask.Detection.YuNet;

/// <summary>
/// Prepares YuNet's input as OpenCV's FaceDetectorYN does: the BGR image as 0-255 floats, planar (NCHW), padded with
/// zeros at the bottom and right to multiples of 32. The image is first resized by the detection scale. Buffers are
/// reused between frames; not thread-safe.
/// </summary>
internal sealed class YuNetInputWriter : IDisposable
{
    /// <summary>YuNet's coarsest stride: the input sides must be multiples of it.</summary>
    public const int Alignment = 32;

    private readonly Mat _resized = new();
    private float[] _tensor = [];

    /// <summary>[1, 3, <see cref="PaddedHeight"/>, <see cref="PaddedWidth"/>], valid after <see cref="Write"/>.</summary>
    public Memory<float> Tensor => _tensor.AsMemory(0, 3 * PaddedWidth * PaddedHeight);

    public int PaddedWidth { get; private set; }

    public int PaddedHeight { get; private set; }

    /// <summary>Input pixels per image pixel, horizontally, of the last <see cref="Write"/> (the actual ratio after rounding).</summary>
    public double ScaleX { get; private set; }

    /// <summary>Input pixels per image pixel, vertically.</summary>
    public double ScaleY { get; private set; }

    /// <param name="bgrImage">An 8-bit BGR image (a whole frame or a window of one).</param>
    /// <param name="scale">Resize factor in (0, 1]; 1 = the image's own size.</param>
    public void Write(Mat bgrImage, double scale)
    {
        if (bgrImage.Empty() || bgrImage.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit BGR image (CV_8UC3), got {bgrImage.Type()} {bgrImage.Width}x{bgrImage.Height}.", nameof(bgrImage));
        }

        var width = Math.Max(1, (int)Math.Round(bgrImage.Width * scale));
        var height = Math.Max(1, (int)Math.Round(bgrImage.Height * scale));
        var source = bgrImage;
        if (width != bgrImage.Width || height != bgrImage.Height)
        {
            Cv2.Resize(bgrImage, _resized, new Size(width, height), interpolation: scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
            source = _resized;
        }

        ScaleX = (double)width / bgrImage.Width;
        ScaleY = (double)height / bgrImage.Height;
        PaddedWidth = AlignUp(width);
        PaddedHeight = AlignUp(height);
        var plane = PaddedWidth * PaddedHeight;
        if (_tensor.Length < 3 * plane)
        {
            _tensor = new float[3 * plane];
        }
        else
        {
            Array.Clear(_tensor, 0, 3 * plane);
        }

        WritePlanes(source, width, height, plane);
    }

    public void Dispose() => _resized.Dispose();

    private static int AlignUp(int side) => (side + Alignment - 1) / Alignment * Alignment;

    private unsafe void WritePlanes(Mat source, int width, int height, int plane)
    {
        var blue = _tensor.AsSpan(0, plane);
        var green = _tensor.AsSpan(plane, plane);
        var red = _tensor.AsSpan(2 * plane, plane);
        for (var y = 0; y < height; y++)
        {
            var row = new ReadOnlySpan<byte>((byte*)source.Ptr(y), width * 3);
            var offset = y * PaddedWidth;
            for (var x = 0; x < width; x++)
            {
                blue[offset + x] = row[3 * x];
                green[offset + x] = row[(3 * x) + 1];
                red[offset + x] = row[(3 * x) + 2];
            }
        }
    }
}
