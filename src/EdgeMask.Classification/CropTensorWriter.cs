using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Writes an 8-bit BGR crop as normalised planar (CHW) floats in the model's channel order:
/// <c>(pixel / 255 - mean[c]) / std[c]</c>. The trainer uses the same code as the daemon.
/// </summary>
/// <remarks>Each channel's 256 possible values are precomputed, so a pixel costs three table reads.</remarks>
public sealed class CropTensorWriter
{
    private const int Channels = 3;
    private const int Levels = 256;

    // Plane p of the tensor holds byte _sourceByte[p] of each BGR pixel, mapped through _table[p * 256 + byte].
    private readonly float[] _table = new float[Channels * Levels];
    private readonly int[] _sourceByte;

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

            for (var level = 0; level < Levels; level++)
            {
                _table[(plane * Levels) + level] = ((level / 255f) - mean[plane]) / std[plane];
            }
        }
    }

    public ChannelOrder ChannelOrder { get; }

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
        int s0 = _sourceByte[0], s1 = _sourceByte[1], s2 = _sourceByte[2];

        fixed (float* destination = chw)
        fixed (float* table = _table)
        {
            float* plane0 = destination, plane1 = destination + planeLength, plane2 = destination + (2 * planeLength);
            float* table0 = table, table1 = table + Levels, table2 = table + (2 * Levels);
            for (var y = 0; y < height; y++)
            {
                var pixel = data + (y * rowStep);
                var index = y * width;
                for (var x = 0; x < width; x++, pixel += Channels, index++)
                {
                    plane0[index] = table0[pixel[s0]];
                    plane1[index] = table1[pixel[s1]];
                    plane2[index] = table2[pixel[s2]];
                }
            }
        }
    }
}
