using EdgeMask.Detection.Learned;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.FaceApiConverter.Tests;

public sealed class LearnedDetectorTests
{
    [Fact]
    public void Create_MissingModelFile_ErrorNamesFileAndSetupCommand()
    {
        var missing = Path.Combine(RepoPaths.NewTempDirectory("learned"), "face_detector_ssd.onnx");

        var ex = Assert.Throws<FileNotFoundException>(() => LearnedFaceDetectorFactory.Create("ssd", new LearnedDetectorOptions { SsdModelPath = missing }));

        Assert.Contains(missing, ex.Message);
        Assert.Contains("./build.sh setup", ex.Message);
        Assert.Contains("scripts/fetch-face-detectors.sh", ex.Message);
    }

    [Fact]
    public void Create_HaarName_ThrowsNamingTheLearnedChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => LearnedFaceDetectorFactory.Create("haar", new LearnedDetectorOptions()));

        Assert.Contains("tiny or ssd", ex.Message);
    }

    [Theory]
    [InlineData("400", "Detection:Learned:InputSizePixels must be a multiple of 32")]
    [InlineData("2048", "InputSizePixels")]
    public void Options_InvalidInputSize_FailValidationNamingTheKey(string size, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Detection:Learned:InputSizePixels"] = size })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLearnedDetectorOptions()
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LearnedDetectorOptions>>().Value);

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void NonMaxSuppression_OverlappingBoxes_KeepsTheHigherScoreAndDistantBoxes()
    {
        var candidates = new List<ScoredBox>
        {
            new(0, 0, 100, 100, 0.6f),
            new(5, 5, 105, 105, 0.9f),
            new(300, 300, 350, 350, 0.7f),
        };

        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.4, maxResults: 10);

        Assert.Equal([0.9f, 0.7f], kept.Select(k => k.Score));
    }

    [Fact]
    public void InputWriter_WideFrame_PadsBelowWithZerosAndWritesRgbPlanes()
    {
        using var frame = new Mat(new Size(64, 32), MatType.CV_8UC3, new Scalar(10, 20, 30));
        var writer = new FaceApiInputWriter(64);

        writer.Write(frame);

        var plane = 64 * 64;
        Assert.Equal(30f, writer.Tensor[0]);
        Assert.Equal(20f, writer.Tensor[plane]);
        Assert.Equal(10f, writer.Tensor[2 * plane]);
        Assert.Equal(30f, writer.Tensor[(31 * 64) + 63]);
        Assert.Equal(0f, writer.Tensor[32 * 64]);
        Assert.Equal(0f, writer.Tensor[(2 * plane) + (63 * 64) + 63]);
    }

    [Fact]
    public void InputWriter_GrayFrame_ThrowsNamingTheType()
    {
        using var frame = new Mat(new Size(8, 8), MatType.CV_8UC1, Scalar.All(0));

        var ex = Assert.Throws<ArgumentException>(() => new FaceApiInputWriter(32).Write(frame));

        Assert.Contains("CV_8UC3", ex.Message);
    }
}
