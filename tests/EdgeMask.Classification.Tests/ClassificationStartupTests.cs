using EdgeMask.TestSupport;
using Microsoft.Extensions.Options;

namespace EdgeMask.Classification.Tests;

public sealed class ClassificationStartupTests : IDisposable
{
    private readonly string _directory = RepoPaths.NewTempDirectory("classification-startup");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task HostStart_MissingModel_FailsWithMaskModelExceptionNamingTheFile()
    {
        var path = Path.Combine(_directory, "missing.onnx");

        var error = await Assert.ThrowsAsync<MaskModelException>(
            () => ClassifierHarness.StartHostAsync(new Dictionary<string, string?> { ["Classification:ModelPath"] = path }));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_ModelWithoutLabels_FailsNamingFileAndKey()
    {
        var path = TinyMaskModel.RedMeansMask().WithMetadata(MaskModelMetadata.Labels, null).WriteTo(_directory);

        var error = await Assert.ThrowsAsync<MaskModelException>(
            () => ClassifierHarness.StartHostAsync(new Dictionary<string, string?> { ["Classification:ModelPath"] = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(MaskModelMetadata.Labels, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_GoodModel_Starts()
    {
        var path = TinyMaskModel.RedMeansMask().WriteTo(_directory);

        await ClassifierHarness.StartHostAsync(new Dictionary<string, string?> { ["Classification:ModelPath"] = path });
    }

    [Theory]
    [InlineData("Classification:ExecutionProviders:0", "TensorRT", "Classification:ExecutionProviders:0 'TensorRT' is not a supported execution provider")]
    [InlineData("Classification:ExecutionProviders:0", "CUDA", "Classification:ExecutionProviders:0 'CUDA' is not available in this ONNX Runtime build")]
    [InlineData("Classification:MinConfidence", "1.5", "MinConfidence")]
    [InlineData("Classification:MaxBatchSize", "0", "MaxBatchSize")]
    [InlineData("Classification:IntraOpThreads", "-1", "IntraOpThreads")]
    [InlineData("Classification:CropMarginFraction", "1.5", "CropMarginFraction")]
    public async Task HostStart_InvalidSetting_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        Skip.If(value == "CUDA" && ExecutionProviderNames.IsAvailable("CUDA"), "this ONNX Runtime build has CUDA");
        var path = TinyMaskModel.RedMeansMask().WriteTo(_directory);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => ClassifierHarness.StartHostAsync(new Dictionary<string, string?>
            {
                ["Classification:ModelPath"] = path,
                [key] = value,
            }));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ExecutionProviders_NotConfigured_MeansCpu()
    {
        Assert.Equal([ExecutionProviderNames.Cpu], new ClassificationOptions().EffectiveExecutionProviders);
    }

    [Fact]
    public void ModelPath_Relative_ResolvesAgainstTheApplicationFolder()
    {
        var relative = Path.Combine("models-" + Guid.NewGuid().ToString("N"), "tiny.onnx");
        var absolute = Path.Combine(AppContext.BaseDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
        try
        {
            File.WriteAllBytes(absolute, TinyMaskModel.RedMeansMask().ToBytes());
            var options = new ClassificationOptions { ModelPath = relative };

            using var harness = ClassifierHarness.CreateWithSettings(RepoPaths.NewTempDirectory("relative-model"), new Dictionary<string, string?> { ["Classification:ModelPath"] = relative });

            Assert.Equal(absolute, options.ResolveModelPath());
            Assert.Equal(absolute, harness.Classifier.Model.Path);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(absolute)!, recursive: true);
        }
    }

    [Fact]
    public void Defaults_MatchTheDocumentedValues()
    {
        var options = new ClassificationOptions();

        Assert.Equal("models/mask_classifier.int8.onnx", options.ModelPath);
        Assert.Equal(1, options.IntraOpThreads);
        Assert.Equal(GraphOptimization.All, options.GraphOptimizationLevel);
        Assert.Null(options.CropMarginFraction);
        Assert.Equal(0.5, options.MinConfidence);
        Assert.Equal(16, options.MaxBatchSize);
    }
}
