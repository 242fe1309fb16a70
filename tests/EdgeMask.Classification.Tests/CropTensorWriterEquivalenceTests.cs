using EdgeMask.Core.Geometry;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

/// <summary>
/// The vectorised writer against a straightforward per-pixel implementation of the formula, on real crops, in every
/// channel order and with the normalisations a model may declare (docs/model-format.md allows any mean and std > 0).
/// </summary>
public sealed class CropTensorWriterEquivalenceTests
{
    private const float Tolerance = 1e-6f;

    public static TheoryData<ChannelOrder, float[], float[]> Normalisations()
    {
        var data = new TheoryData<ChannelOrder, float[], float[]>();
        foreach (var order in new[] { ChannelOrder.Rgb, ChannelOrder.Bgr })
        {
            data.Add(order, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]); // ImageNet, as the shipped model
            data.Add(order, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]); // [-1, 1]
            data.Add(order, [0f, 0f, 0f], [1f, 1f, 1f]); // plain [0, 1]
            data.Add(order, [0.1f, 0.7f, 1f], [0.05f, 3f, 0.9f]); // uneven channels
            data.Add(order, [1f, 0f, 0.3f], [0.01f, 0.002f, 0.2f]); // values up to 500: beyond the vector path's tolerance
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Normalisations))]
    public void Write_RealFaceCropsOfSeveralSizes_MatchesTheReference(ChannelOrder order, float[] mean, float[] std)
    {
        using var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, "messi5.jpg"));
        Assert.False(photo.Empty(), "messi5.jpg is missing: install the opencv-doc package");
        var writer = new CropTensorWriter(order, mean, std);

        // 64x64 is the shipped model's input; the odd sizes leave pixels over after the 16-pixel blocks.
        foreach (var size in new[] { new Size(64, 64), new Size(37, 23), new Size(15, 15), new Size(1, 1), new Size(128, 96) })
        {
            using var crop = new Mat();
            FaceCrop.Extract(photo, new PixelBox(190, 40, 90, 100), 0.15, crop, size);

            AssertMatchesReference(writer, crop, order, mean, std);
        }
    }

    [Theory]
    [MemberData(nameof(Normalisations))]
    public void Write_RegionOfAPhoto_MatchesTheReferenceRowByRow(ChannelOrder order, float[] mean, float[] std)
    {
        using var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, "baboon.jpg"));
        Assert.False(photo.Empty(), "baboon.jpg is missing: install the opencv-doc package");

        // Not continuous: the writer must follow the row step; 45 pixels per row = two blocks and a 13-pixel tail.
        using var region = new Mat(photo, new Rect(201, 203, 45, 31));
        Assert.False(region.IsContinuous());

        AssertMatchesReference(new CropTensorWriter(order, mean, std), region, order, mean, std);
    }

    [Theory]
    [MemberData(nameof(Normalisations))]
    public void Write_EveryByteValueInEveryChannel_MatchesTheReference(ChannelOrder order, float[] mean, float[] std)
    {
        // 256 pixels with blue = i, green = 255 - i, red = (i * 7) % 256: every level in every channel.
        using var crop = new Mat(new Size(256, 1), MatType.CV_8UC3);
        for (var i = 0; i < 256; i++)
        {
            crop.Set(0, i, new Vec3b((byte)i, (byte)(255 - i), (byte)((i * 7) % 256)));
        }

        AssertMatchesReference(new CropTensorWriter(order, mean, std), crop, order, mean, std);
    }

    [SkippableFact]
    public void IsVectorised_ShippedModelsNormalisation_UsesTheVectorPath()
    {
        Skip.IfNot(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, "no 128-bit vector support on this machine");

        Assert.True(new CropTensorWriter(ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]).IsVectorised);
    }

    [Fact]
    public void IsVectorised_TinyStandardDeviation_FallsBackToTheExactTable()
    {
        // Outputs reach 500, where one rounding of a multiply-add is far more than 1e-6.
        Assert.False(new CropTensorWriter(ChannelOrder.Bgr, [1f, 0f, 0.3f], [0.01f, 0.002f, 0.2f]).IsVectorised);
    }

    [SkippableFact]
    public void Write_TrainingCropsFromTheDataSet_MatchTheReference()
    {
        var crops = RepoPaths.RequireMaskCrops();
        float[] mean = [0.485f, 0.456f, 0.406f];
        float[] std = [0.229f, 0.224f, 0.225f];
        var writer = new CropTensorWriter(ChannelOrder.Rgb, mean, std);
        var files = Directory.EnumerateFiles(Path.Combine(crops, "with_mask"), "*.jpg").Order(StringComparer.Ordinal).Take(5)
            .Concat(Directory.EnumerateFiles(Path.Combine(crops, "without_mask"), "*.jpg").Order(StringComparer.Ordinal).Take(5))
            .ToList();
        Assert.Equal(10, files.Count);

        foreach (var file in files)
        {
            using var image = Cv2.ImRead(file);
            Assert.False(image.Empty(), $"{file} did not decode");
            using var crop = new Mat();
            FaceCrop.Extract(image, new PixelBox(0, 0, image.Width, image.Height), 0, crop, new Size(64, 64));

            AssertMatchesReference(writer, crop, ChannelOrder.Rgb, mean, std);
        }
    }

    private static void AssertMatchesReference(CropTensorWriter writer, Mat crop, ChannelOrder order, float[] mean, float[] std)
    {
        var expected = Reference(crop, order, mean, std);

        // A larger, dirty destination: the writer must fill exactly the first 3*H*W floats.
        var actual = Enumerable.Repeat(float.NaN, expected.Length + 5).ToArray();
        writer.Write(crop, actual);

        var worst = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            Assert.False(float.IsNaN(actual[i]), $"tensor element {i} of a {crop.Width}x{crop.Height} crop was not written");
        }

        Assert.True(worst <= Tolerance, $"max abs difference {worst} on a {crop.Width}x{crop.Height} crop ({order})");
        Assert.All(actual[expected.Length..], value => Assert.True(float.IsNaN(value), "the writer wrote past 3*H*W floats"));
    }

    /// <summary>The formula pixel by pixel: plane c holds ((byte / 255) - mean[c]) / std[c] of its colour.</summary>
    private static float[] Reference(Mat crop, ChannelOrder order, float[] mean, float[] std)
    {
        int width = crop.Width, height = crop.Height;
        var tensor = new float[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bgr = crop.At<Vec3b>(y, x);
                byte[] planes = order == ChannelOrder.Rgb ? [bgr.Item2, bgr.Item1, bgr.Item0] : [bgr.Item0, bgr.Item1, bgr.Item2];
                for (var c = 0; c < 3; c++)
                {
                    tensor[(c * width * height) + (y * width) + x] = ((planes[c] / 255f) - mean[c]) / std[c];
                }
            }
        }

        return tensor;
    }
}
