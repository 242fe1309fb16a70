namespace EdgeMask.FaceApiConverter.Tests;

public sealed class SsdPriorGeneratorTests(FaceApiPackageFixture package) : IClassFixture<FaceApiPackageFixture>
{
    /// <summary>The stored priors are float32 of values below 2; float rounding of the formula stays far below this.</summary>
    private const float Tolerance = 1e-5f;

    [SkippableFact]
    public void Generate_512_ReproducesThePackagesStoredPriors()
    {
        Skip.If(package.SkipReason is not null, package.SkipReason);
        var stored = SsdMobilenetV1Graph.StoredPriors(WeightsReader.Read(Path.Combine(package.ModelDirectory, SsdMobilenetV1Graph.ManifestFileName)));

        var generated = SsdPriorGenerator.Generate(512);

        Assert.Equal(stored.Length, generated.Length);
        var worst = Enumerable.Range(0, stored.Length).MaxBy(i => Math.Abs(stored[i] - generated[i]));
        Assert.True(
            Math.Abs(stored[worst] - generated[worst]) <= Tolerance,
            $"prior {worst / 4} coordinate {worst % 4}: stored {stored[worst]}, generated {generated[worst]}");
    }

    [Theory]
    [InlineData(512, new[] { 32, 16, 8, 4, 2, 1 }, 5118)]
    [InlineData(384, new[] { 24, 12, 6, 3, 2, 1 }, 2892)]
    [InlineData(320, new[] { 20, 10, 5, 3, 2, 1 }, 2034)]
    public void FeatureMapSizes_SquareInput_HalveWithSamePaddingAndGiveThePriorCount(int input, int[] expectedSizes, int expectedCount)
    {
        Assert.Equal(expectedSizes, SsdPriorGenerator.FeatureMapSizes(input));
        Assert.Equal(expectedCount, SsdPriorGenerator.Count(input));
        Assert.Equal(expectedCount * 4, SsdPriorGenerator.Generate(input).Length);
    }

    [Fact]
    public void Generate_384_CentresTheFirstPriorOfEachLayerHalfAStrideIn()
    {
        var priors = SsdPriorGenerator.Generate(384);
        var first = 0;
        foreach (var (size, layer) in SsdPriorGenerator.FeatureMapSizes(384).Select((s, l) => (s, l)))
        {
            var centerY = (priors[first * 4] + priors[(first * 4) + 2]) / 2;
            var centerX = (priors[(first * 4) + 1] + priors[(first * 4) + 3]) / 2;
            Assert.Equal(0.5f / size, centerY, 5);
            Assert.Equal(0.5f / size, centerX, 5);
            first += size * size * SsdPriorGenerator.BoxesPerLocation(layer);
        }
    }

    [Fact]
    public void Generate_384_KeepsTheSmallestPriorAt512sPixelSize()
    {
        var priors = SsdPriorGenerator.Generate(384);

        // The first prior is the lowest layer's 0.1-scale square: 51.2 px of a 512 input, so 51.2 / 384 relative.
        Assert.Equal(51.2f / 384, priors[2] - priors[0], 5);
        Assert.Equal(51.2f / 384, priors[3] - priors[1], 5);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(96)]
    [InlineData(2048)]
    public void Build_InputNotAMultipleOf32InRange_Throws(int input)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SsdMobilenetV1Graph.Build(new Dictionary<string, WeightTensor>(), input));

        Assert.Contains("multiple of 32", ex.Message);
    }
}
