using EdgeMask.Classification;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// The CropTensorWriter as it was before vectorisation (a 256-entry table per channel, one pixel at a time), kept
/// here as the baseline the vectorised writer is measured against.
/// </summary>
public sealed class ScalarTableTensorWriter
{
    private const int Channels = 3;
    private const int Levels = 256;

    private readonly float[] _table = new float[Channels * Levels];
    private readonly int[] _sourceByte;

    public ScalarTableTensorWriter(ChannelOrder channelOrder, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        _sourceByte = channelOrder == ChannelOrder.Rgb ? [2, 1, 0] : [0, 1, 2];
        for (var plane = 0; plane < Channels; plane++)
        {
            for (var level = 0; level < Levels; level++)
            {
                _table[(plane * Levels) + level] = ((level / 255f) - mean[plane]) / std[plane];
            }
        }
    }

    public unsafe void Write(Mat bgrCrop, Span<float> chw)
    {
        var width = bgrCrop.Width;
        var height = bgrCrop.Height;
        var planeLength = width * height;
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
