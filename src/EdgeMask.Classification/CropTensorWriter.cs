using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Writes an 8-bit BGR crop as normalised planar (CHW) floats in the model's channel order:
/// <c>(pixel / 255 - mean[c]) / std[c]</c>. The trainer uses the same code as the daemon.
/// </summary>
/// <remarks>
/// Sixteen pixels at a time are split into their three channels with byte shuffles and normalised as
/// <c>pixel * scale + bias</c> with 128-bit vector arithmetic (SSE/AVX on x64, NEON on arm64), reading the crop's
/// memory in place. That differs from the formula by rounding only; the constructor checks all 256 levels of every
/// channel and uses the vector path only when each is within <see cref="Tolerance"/> of the formula (any sensible
/// normalisation: ImageNet's is within 5e-7). Otherwise, and for pixels left over after the blocks, a 256-entry
/// table per channel holds the formula's exact values.
/// </remarks>
public sealed class CropTensorWriter
{
    private const int Channels = 3;
    private const int Levels = 256;
    private const int PixelsPerBlock = 16;

    /// <summary>The largest difference from the formula the vector path may make: 1e-6.</summary>
    public const float Tolerance = 1e-6f;

    // Plane p of the tensor holds byte _sourceByte[p] of each BGR pixel, mapped through _table[p * 256 + byte].
    private readonly float[] _table = new float[Channels * Levels];
    private readonly int[] _sourceByte;

    // Scale and bias per BGR source byte (not per plane), so the vector loop can normalise blue, green, red directly.
    private readonly Vector128<float>[] _scaleBySource = new Vector128<float>[Channels];
    private readonly Vector128<float>[] _biasBySource = new Vector128<float>[Channels];
    private readonly bool _vectorPathWithinTolerance = true;

    public CropTensorWriter(ChannelOrder channelOrder, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != Channels || std.Count != Channels)
        {
            throw new ArgumentException($"Mean and std need {Channels} values each, got {mean.Count} and {std.Count}.");
        }

        ChannelOrder = channelOrder;
        _sourceByte = channelOrder == ChannelOrder.Rgb ? [2, 1, 0] : [0, 1, 2];
        for (var plane = 0; plane < Channels; plane++)
        {
            if (!(std[plane] > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(std), std[plane], "Standard deviations must be greater than 0.");
            }

            var scale = 1f / (255f * std[plane]);
            var bias = -mean[plane] / std[plane];
            for (var level = 0; level < Levels; level++)
            {
                var exact = ((level / 255f) - mean[plane]) / std[plane];
                _table[(plane * Levels) + level] = exact;

                // The vector path's arithmetic, lane by lane: a multiply and an add, each rounded (no fused multiply-add).
                _vectorPathWithinTolerance &= Math.Abs(((level * scale) + bias) - exact) <= Tolerance;
            }

            _scaleBySource[_sourceByte[plane]] = Vector128.Create(scale);
            _biasBySource[_sourceByte[plane]] = Vector128.Create(bias);
        }
    }

    public ChannelOrder ChannelOrder { get; }

    /// <summary>Whether whole blocks of pixels go through the vector path (hardware support and a normalisation it reproduces within <see cref="Tolerance"/>).</summary>
    public bool IsVectorised => _vectorPathWithinTolerance && Vector128.IsHardwareAccelerated;

    public static CropTensorWriter ForModel(MaskModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CropTensorWriter(model.ChannelOrder, model.Mean, model.Std);
    }

    /// <summary>Writes <paramref name="bgrCrop"/> (8UC3) into the first 3*H*W floats of <paramref name="chw"/>.</summary>
    public unsafe void Write(Mat bgrCrop, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(bgrCrop);
        if (bgrCrop.Type() != MatType.CV_8UC3 || bgrCrop.Empty())
        {
            throw new ArgumentException($"Expected a non-empty 8-bit 3-channel BGR crop, got {bgrCrop.Type()} {bgrCrop.Width}x{bgrCrop.Height}.", nameof(bgrCrop));
        }

        var width = bgrCrop.Width;
        var height = bgrCrop.Height;
        var planeLength = width * height;
        if (chw.Length < Channels * planeLength)
        {
            throw new ArgumentException($"The destination holds {chw.Length} floats; a {width}x{height} crop needs {Channels * planeLength}.", nameof(chw));
        }

        var rowStep = bgrCrop.Step();
        var data = (byte*)bgrCrop.DataPointer;

        // A continuous crop (every resized crop is) is one long row, so the vector loop rarely meets a row end.
        var (rows, pixelsPerRow) = bgrCrop.IsContinuous() ? (1, planeLength) : (height, width);
        fixed (float* destination = chw)
        {
            var planes = new Planes(destination, planeLength, _sourceByte);
            for (var row = 0; row < rows; row++)
            {
                var pixels = data + (row * rowStep);
                var offset = row * pixelsPerRow;
                var done = IsVectorised ? WriteBlocks(pixels, pixelsPerRow, planes, offset) : 0;
                WriteWithTable(pixels + (done * Channels), pixelsPerRow - done, planes, offset + done);
            }
        }
    }

    /// <summary>Writes whole blocks of 16 pixels; returns how many pixels it wrote.</summary>
    private unsafe int WriteBlocks(byte* pixels, int count, Planes planes, int offset)
    {
        Vector128<float> scaleB = _scaleBySource[0], scaleG = _scaleBySource[1], scaleR = _scaleBySource[2];
        Vector128<float> biasB = _biasBySource[0], biasG = _biasBySource[1], biasR = _biasBySource[2];
        var blocks = count / PixelsPerBlock;
        for (var block = 0; block < blocks; block++)
        {
            var source = pixels + (block * PixelsPerBlock * Channels);
            var first = Vector128.Load(source);
            var second = Vector128.Load(source + 16);
            var third = Vector128.Load(source + 32);
            var index = offset + (block * PixelsPerBlock);

            // Lane i of a channel is byte 3i + channel of the 48 loaded bytes; index 0x80 selects zero.
            var blue = Vector128.Shuffle(first, Vector128.Create((byte)0, 3, 6, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(second, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 2, 5, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(third, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 1, 4, 7, 10, 13));
            var green = Vector128.Shuffle(first, Vector128.Create((byte)1, 4, 7, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(second, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0, 3, 6, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(third, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 2, 5, 8, 11, 14));
            var red = Vector128.Shuffle(first, Vector128.Create((byte)2, 5, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(second, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 1, 4, 7, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80))
                | Vector128.Shuffle(third, Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0, 3, 6, 9, 12, 15));

            Normalise(blue, scaleB, biasB, planes.Blue + index);
            Normalise(green, scaleG, biasG, planes.Green + index);
            Normalise(red, scaleR, biasR, planes.Red + index);
        }

        return blocks * PixelsPerBlock;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Normalise(Vector128<byte> levels, Vector128<float> scale, Vector128<float> bias, float* destination)
    {
        var low = Vector128.WidenLower(levels);
        var high = Vector128.WidenUpper(levels);
        Store(Vector128.WidenLower(low), scale, bias, destination);
        Store(Vector128.WidenUpper(low), scale, bias, destination + 4);
        Store(Vector128.WidenLower(high), scale, bias, destination + 8);
        Store(Vector128.WidenUpper(high), scale, bias, destination + 12);
    }

    // Multiply, then add: both roundings are what the constructor's check assumed (a fused multiply-add would differ).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(Vector128<uint> levels, Vector128<float> scale, Vector128<float> bias, float* destination) =>
        ((Vector128.ConvertToSingle(levels.AsInt32()) * scale) + bias).Store(destination);

    private unsafe void WriteWithTable(byte* pixels, int count, Planes planes, int offset)
    {
        fixed (float* table = _table)
        {
            float* table0 = table, table1 = table + Levels, table2 = table + (2 * Levels);
            int s0 = _sourceByte[0], s1 = _sourceByte[1], s2 = _sourceByte[2];
            float* plane0 = planes.First + offset, plane1 = planes.Second + offset, plane2 = planes.Third + offset;
            for (var x = 0; x < count; x++, pixels += Channels)
            {
                plane0[x] = table0[pixels[s0]];
                plane1[x] = table1[pixels[s1]];
                plane2[x] = table2[pixels[s2]];
            }
        }
    }

    /// <summary>The three output planes, by tensor position and by the BGR source byte they hold.</summary>
    private readonly unsafe struct Planes
    {
        public Planes(float* tensor, int planeLength, int[] sourceByte)
        {
            First = tensor;
            Second = tensor + planeLength;
            Third = tensor + (2 * planeLength);
            Blue = PlaneHolding(0, sourceByte);
            Green = PlaneHolding(1, sourceByte);
            Red = PlaneHolding(2, sourceByte);
        }

        public float* First { get; }

        public float* Second { get; }

        public float* Third { get; }

        public float* Blue { get; }

        public float* Green { get; }

        public float* Red { get; }

        private float* PlaneHolding(int source, int[] sourceByte) => Array.IndexOf(sourceByte, source) switch
        {
            0 => First,
            1 => Second,
            _ => Third,
        };
    }
}
