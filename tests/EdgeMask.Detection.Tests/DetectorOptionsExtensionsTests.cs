using EdgeMask.TestSupport;
using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.Tests;

/// <summary>The keys added for the detector study: contrast modes, more cascades, the eye-pair fallback.</summary>
public sealed class DetectorOptionsExtensionsTests
{
    [Theory]
    [InlineData(true, null, ContrastEnhancement.Equalize)]
    [InlineData(false, null, ContrastEnhancement.None)]
    [InlineData(true, ContrastEnhancement.Clahe, ContrastEnhancement.Clahe)]
    [InlineData(false, ContrastEnhancement.Equalize, ContrastEnhancement.Equalize)]
    [InlineData(true, ContrastEnhancement.None, ContrastEnhancement.None)]
    public void EffectiveContrast_ContrastWhenSet_ElseEqualizeHistogram(bool equalize, ContrastEnhancement? contrast, ContrastEnhancement expected)
    {
        var options = new DetectionOptions { EqualizeHistogram = equalize, Contrast = contrast };

        Assert.Equal(expected, options.EffectiveContrast);
    }

    [Fact]
    public void Create_MissingAdditionalCascade_NamesTheFileAndItsKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-absent-{Guid.NewGuid():N}.xml");
        using var harness = DetectorHarness.CreateHaar(("AdditionalCascadePaths:0", SystemTools.HaarCascadeDirectory + "/haarcascade_frontalface_alt2.xml"), ("AdditionalCascadePaths:1", path));

        var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Detection:AdditionalCascadePaths:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingEyeCascadeWithFallbackOn_NamesTheKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-absent-{Guid.NewGuid():N}.xml");
        using var harness = DetectorHarness.CreateHaar(("EyePairFallback", "true"), ("EyeCascadePath", path));

        var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

        Assert.Contains("Detection:EyeCascadePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingEyeCascadeWithFallbackOff_IsNotLoaded()
    {
        using var harness = DetectorHarness.CreateHaar(("EyeCascadePath", "/nonexistent/eye.xml"));

        Assert.NotNull(harness.Detector);
    }

    [Theory]
    [InlineData("ClaheClipLimit", "0.1", "ClaheClipLimit")]
    [InlineData("MergeIouThreshold", "0.99", "MergeIouThreshold")]
    [InlineData("AdditionalCascadePaths:0", " ", "Detection:AdditionalCascadePaths:0 must name a cascade XML file")]
    public async Task HostStart_InvalidNewSetting_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DetectorHarness.StartHaarHostAsync((key, value)));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_EyeFallbackWithBlankEyeCascade_FailsValidationNamingBothKeys()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DetectorHarness.StartHaarHostAsync(("EyePairFallback", "true"), ("EyeCascadePath", "")));

        Assert.Contains(error.Failures, f => f.Contains("Detection:EyeCascadePath", StringComparison.Ordinal) && f.Contains("Detection:EyePairFallback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_UnknownContrastMode_Fails()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => DetectorHarness.StartHaarHostAsync(("Contrast", "Sharpen")));

        Assert.Contains("Contrast", error.ToString(), StringComparison.Ordinal);
    }
}
