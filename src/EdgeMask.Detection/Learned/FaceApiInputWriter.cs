using System.Runtime.InteropServices;
using OpenCvSharp;

namespace EdgeMask.Detection.Learned;

/// <summary>
/// Writes a BGR frame into the detectors' input tensor exactly as face-api prepares it: zero-padded to a square at
/// the bottom/right, resized bilinearly with TensorFlow's legacy sampling (no half-pixel centres, no corner
/// alignment), RGB 0-255 floats, NCHW. Buffers are reused between frames.
/// </summary>
internal sealed class FaceApiInputWriter
{
    private readonly int _size;
    private byte[] _rowA = [];
    private byte[] _rowB = [];

    public FaceApiInputWriter(int inputSizePixels)
    {
        _size = inputSizePixels;
        Tensor = new float[3 * inputSizePixels * inputSizePixels];
    }

    /// <summary>[1, 3, size, size] RGB in 0-255.</summary>
    public float[] Tensor { get; }

    public void Write(Mat bgrFrame)
    {
        if (bgrFrame.Empty() || bgrFrame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit BGR frame (CV_8UC3), got {bgrFrame.Type()} {bgrFrame.Width}x{bgrFrame.Height}.", nameof(bgrFrame));
        }

        int width = bgrFrame.Width, height = bgrFrame.Height, square = Math.Max(width, height);
        EnsureRowCapacity(width * 3);
        var ratio = (double)square / _size;
        var plane = _size * _size;
        var lastLoadedA = -1;
        var lastLoadedB = -1;
        for (var y = 0; y < _size; y++)
        {
            var sourceY = ratio * y;
            var top = (int)Math.Floor(sourceY);
            var bottom = Math.Min(square - 1, (int)Math.Ceiling(sourceY));
            var rowFraction = (float)(sourceY - top);
            if (lastLoadedA != top)
            {
                LoadRow(bgrFrame, top, _rowA);
                lastLoadedA = top;
            }

            if (lastLoadedB != bottom)
            {
                LoadRow(bgrFrame, bottom, _rowB);
                lastLoadedB = bottom;
            }

            var topInside = top < height;
            var bottomInside = bottom < height;
            for (var x = 0; x < _size; x++)
            {
                var sourceX = ratio * x;
                var left = (int)Math.Floor(sourceX);
                var right = Math.Min(square - 1, (int)Math.Ceiling(sourceX));
                var columnFraction = (float)(sourceX - left);
                var offset = (y * _size) + x;
                for (var c = 0; c < 3; c++)
                {
                    var bgr = 2 - c;
                    var topLeft = Pixel(_rowA, topInside, left, width, bgr);
                    var topRight = Pixel(_rowA, topInside, right, width, bgr);
                    var bottomLeft = Pixel(_rowB, bottomInside, left, width, bgr);
                    var bottomRight = Pixel(_rowB, bottomInside, right, width, bgr);
                    var upper = topLeft + ((topRight - topLeft) * columnFraction);
                    var lower = bottomLeft + ((bottomRight - bottomLeft) * columnFraction);
                    Tensor[(c * plane) + offset] = upper + ((lower - upper) * rowFraction);
                }
            }
        }
    }

    private static float Pixel(byte[] row, bool rowInside, int x, int width, int channel) =>
        rowInside && x < width ? row[(x * 3) + channel] : 0f;

    private static void LoadRow(Mat frame, int y, byte[] row)
    {
        if (y < frame.Height)
        {
            Marshal.Copy(frame.Ptr(y), row, 0, frame.Width * 3);
        }
    }

    private void EnsureRowCapacity(int bytes)
    {
        if (_rowA.Length < bytes)
        {
            _rowA = new byte[bytes];
            _rowB = new byte[bytes];
        }
    }
}
