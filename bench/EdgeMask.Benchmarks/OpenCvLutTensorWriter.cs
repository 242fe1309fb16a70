using EdgeMask.Classification;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// A candidate built from OpenCV's own vectorised operations: cv::LUT maps each byte through a 3-channel float table
/// (the same values as the scalar table) into an interleaved float image, and cv::mixChannels scatters its channels
/// into three single-channel Mats that wrap the tensor's planes (no copy out of OpenCV).
/// </summary>
public sealed class OpenCvLutTensorWriter : IDisposable
{
    private readonly Mat _lut = new(1, 256, MatType.CV_32FC3);
    private readonly Mat _interleaved = new();
    private readonly int[] _fromTo;

    public OpenCvLutTensorWriter(ChannelOrder channelOrder, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        int[] sourceByte = channelOrder == ChannelOrder.Rgb ? [2, 1, 0] : [0, 1, 2];
        for (var level = 0; level < 256; level++)
        {
            var entry = new Vec3f();
            for (var plane = 0; plane < 3; plane++)
            {
                entry[sourceByte[plane]] = ((level / 255f) - mean[plane]) / std[plane];
            }

            _lut.Set(0, level, entry);
        }

        _fromTo = [sourceByte[0], 0, sourceByte[1], 1, sourceByte[2], 2];
    }

    /// <summary>Writes the crop into <paramref name="chw"/>, which must stay pinned (an array from GC.AllocateArray(pinned: true)).</summary>
    public unsafe void Write(Mat bgrCrop, float[] chw)
    {
        Cv2.LUT(bgrCrop, _lut, _interleaved);
        var planeLength = bgrCrop.Width * bgrCrop.Height;
        fixed (float* tensor = chw)
        {
            using var plane0 = Mat.FromPixelData(bgrCrop.Height, bgrCrop.Width, MatType.CV_32FC1, (nint)tensor);
            using var plane1 = Mat.FromPixelData(bgrCrop.Height, bgrCrop.Width, MatType.CV_32FC1, (nint)(tensor + planeLength));
            using var plane2 = Mat.FromPixelData(bgrCrop.Height, bgrCrop.Width, MatType.CV_32FC1, (nint)(tensor + (2 * planeLength)));
            Cv2.MixChannels([_interleaved], [plane0, plane1, plane2], _fromTo);
        }
    }

    public void Dispose()
    {
        _lut.Dispose();
        _interleaved.Dispose();
    }
}
