using EdgeMask.FaceApiConverter;

namespace EdgeMask.FaceApiConverter.Tests;

public sealed class WeightsManifestTests
{
    private const string Manifest = """
        [{"paths": ["m.bin"], "weights": [
          {"name": "conv/filters", "shape": [1, 1, 2, 2], "dtype": "float32",
           "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
          {"name": "conv/bias", "shape": [2], "dtype": "float32"},
          {"name": "count", "shape": [], "dtype": "int32", "quantization": {"dtype": "uint8", "scale": 2.0, "min": 1.0}}
        ]}]
        """;

    [Fact]
    public void Parse_FaceApiManifest_ReadsNamesShapesAndQuantization()
    {
        var group = Assert.Single(WeightsManifest.Parse(Manifest, "test"));

        Assert.Equal(["m.bin"], group.Paths);
        Assert.Equal(["conv/filters", "conv/bias", "count"], group.Weights.Select(w => w.Name));
        Assert.Equal([1, 1, 2, 2], group.Weights[0].Shape);
        Assert.Equal(new WeightQuantization("uint8", 0.5, -1.0), group.Weights[0].Quantization);
        Assert.Null(group.Weights[1].Quantization);
        Assert.Equal([4, 8, 1], group.Weights.Select(w => w.ByteLength));
    }

    [Fact]
    public void Decode_Uint8Quantized_GivesMinPlusQuantizedTimesScale()
    {
        var group = WeightsManifest.Parse(Manifest, "test")[0];
        byte[] bytes = [0, 1, 4, 255, .. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2.25f), 3];

        var tensors = WeightsReader.Decode(group.Weights, bytes, "m.bin");

        Assert.Equal([-1.0f, -0.5f, 1.0f, 126.5f], tensors[0].Values);
        Assert.Equal([1.5f, -2.25f], tensors[1].Values);
        Assert.Equal([7f], tensors[2].Values);
    }

    [Fact]
    public void Decode_BinaryShorterThanManifest_ThrowsNamingBothSizes()
    {
        var group = WeightsManifest.Parse(Manifest, "test")[0];

        var ex = Assert.Throws<InvalidDataException>(() => WeightsReader.Decode(group.Weights, new byte[10], "m.bin"));

        Assert.Contains("13 bytes", ex.Message);
        Assert.Contains("holds 10", ex.Message);
    }

    [Theory]
    [InlineData("""[{"paths": ["m.bin"], "weights": [{"name": "w", "shape": [1], "dtype": "float32", "quantization": {"dtype": "int8", "scale": 1, "min": 0}}]}]""", "quantization dtype 'int8'")]
    [InlineData("""[{"paths": ["m.bin"], "weights": [{"name": "w", "shape": [1], "dtype": "string"}]}]""", "dtype 'string'")]
    [InlineData("""[{"paths": [], "weights": [{"name": "w", "shape": [1], "dtype": "float32"}]}]""", "no 'paths'")]
    [InlineData("""{"weights": []}""", "not a tfjs weights manifest")]
    [InlineData("[]", "no groups")]
    public void Parse_InvalidManifest_ThrowsClearError(string json, string expectedMessagePart)
    {
        var ex = Assert.Throws<InvalidDataException>(() => WeightsManifest.Parse(json, "bad.json"));

        Assert.Contains(expectedMessagePart, ex.Message);
        Assert.Contains("bad.json", ex.Message);
    }

    [Fact]
    public void Read_ManifestAndBinaryOnDisk_DecodesEveryEntry()
    {
        var dir = RepoPaths.NewTempDirectory("manifest");
        File.WriteAllText(Path.Combine(dir, "m-weights_manifest.json"), Manifest);
        File.WriteAllBytes(Path.Combine(dir, "m.bin"), [10, 20, 30, 40, .. BitConverter.GetBytes(0f), .. BitConverter.GetBytes(1f), 0]);

        var tensors = WeightsReader.Read(Path.Combine(dir, "m-weights_manifest.json"));

        Assert.Equal(4f, tensors["conv/filters"].Values[0]);
        Assert.Equal([0f, 1f], tensors["conv/bias"].Values);
    }
}
