using EdgeMask.TestSupport;
using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.Tests;

public sealed class DetectionStartupTests
{
    [Fact]
    public void Create_MissingCascade_NamesTheFileAndThePackage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-absent-{Guid.NewGuid():N}.xml");
        using var harness = DetectorHarness.CreateHaar(("CascadePath", path));

        var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("opencv-data", error.Message, StringComparison.Ordinal);
        Assert.Contains("Detection:CascadePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FileThatIsNotACascade_SaysItIsNotValid()
    {
        var directory = RepoPaths.NewTempDirectory("cascade");
        var path = Path.Combine(directory, "not-a-cascade.xml");
        File.WriteAllText(path, "<?xml version=\"1.0\"?>\n<opencv_storage><nothing>1</nothing></opencv_storage>\n");
        try
        {
            using var harness = DetectorHarness.CreateHaar(("CascadePath", path));

            var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

            Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("not a valid OpenCV cascade", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task HostStart_MissingCascade_FailsBeforeTheFirstFrame()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-absent-{Guid.NewGuid():N}.xml");

        var error = await Assert.ThrowsAsync<FaceDetectorException>(() => DetectorHarness.StartHaarHostAsync(("CascadePath", path)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_Haar_LoadsDebiansCascade()
    {
        Assert.True(File.Exists(SystemTools.FrontalFaceDefault), "opencv-data must be installed");

        await DetectorHarness.StartHaarHostAsync();
    }

    [Fact]
    public async Task HostStart_DefaultSettings_LoadsTheShippedYuNet()
    {
        await DetectorHarness.StartHostAsync();
    }

    [Theory]
    [InlineData("Detector", "yolo", "Detection:Detector 'yolo' is not supported; use 'yunet' or 'haar'")]
    [InlineData("DownscaleFactor", "0", "DownscaleFactor")]
    [InlineData("ScaleFactor", "1", "ScaleFactor")]
    [InlineData("MinNeighbors", "-1", "MinNeighbors")]
    [InlineData("MinFaceSizePixels", "0", "MinFaceSizePixels")]
    [InlineData("MaxFaceSizePixels", "20", "Detection:MaxFaceSizePixels (20) must be 0 (no limit) or at least Detection:MinFaceSizePixels (24)")]
    public async Task HostStart_InvalidSetting_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DetectorHarness.StartHostAsync((key, value)));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_MatchTheDocumentedValues()
    {
        var options = new DetectionOptions();

        Assert.Equal("yunet", options.Detector);
        Assert.Equal(SystemTools.FrontalFaceDefault, options.CascadePath);
        Assert.Null(options.DownscaleFactor);
        Assert.Equal(0.75, options.EffectiveDownscaleFactor);
        Assert.Equal(1.1, options.ScaleFactor);
        Assert.Equal(5, options.MinNeighbors);
        Assert.Equal(24, options.MinFaceSizePixels);
        Assert.Equal(0, options.MaxFaceSizePixels);
        Assert.False(options.EqualizeHistogram);
        Assert.Null(options.Contrast);
        Assert.Equal(ContrastEnhancement.None, options.EffectiveContrast);
        Assert.Empty(options.AdditionalCascadePaths);
        Assert.False(options.EyePairFallback);
        Assert.Equal(0.3, options.MergeIouThreshold);
        Assert.Equal(2.0, options.ClaheClipLimit);
    }
}
