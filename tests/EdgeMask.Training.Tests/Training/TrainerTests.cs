using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Training;
using Google.Protobuf;
using GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel;

namespace EdgeMask.Training.Tests.Training;

[Collection(TinyModelCollection.Name)]
public class TrainerTests(TrainedTinyModel tiny)
{
    [Fact]
    public void Run_FewEpochs_ReportsEachEpochWithFiniteLoss()
    {
        Assert.Equal(3, tiny.Result.History.Count);
        Assert.All(tiny.Result.History, epoch => Assert.True(double.IsFinite(epoch.TrainLoss) && epoch.TrainLoss > 0));
        Assert.Contains("epoch   1", tiny.Log.ToString());
    }

    [Fact]
    public void Export_Fp32Model_MatchesTorchSharpWithin1e4()
    {
        Assert.InRange(tiny.Export.TorchOnnxDifference, 0, ExportPipeline.MaxTorchOnnxDifference);
    }

    [Fact]
    public void Export_BothModels_LoadInOnnxRuntimeWithContractMetadata()
    {
        foreach (var path in new[] { tiny.Export.Fp32Path, tiny.Export.Int8Path })
        {
            using var session = OnnxSession.FromFile(path);
            var metadata = ModelMetadata.Read(path, session.Metadata, 64, 64);
            Assert.Equal(["with_mask", "without_mask", "mask_weared_incorrect"], metadata.Labels);
            Assert.Equal(64, session.Height);
            var probabilities = session.Run(new float[2 * 3 * 64 * 64], 2);
            Assert.Equal(6, probabilities.Length);
            Assert.Equal(1f, probabilities[0] + probabilities[1] + probabilities[2], 4);
        }

        using var int8 = OnnxSession.FromFile(tiny.Export.Int8Path);
        Assert.Equal("int8-qdq", ModelMetadata.Read(tiny.Export.Int8Path, int8.Metadata, 64, 64).Quantization);
    }

    [Fact]
    public void Run_SameSeed_GivesTheSameWeights()
    {
        var again = new Trainer(tiny.Options, TextWriter.Null).Run();

        var first = BatchNormFolding.Fold(tiny.Result.Net);
        var second = BatchNormFolding.Fold(again.Net);
        Assert.Equal(first.HeadWeight, second.HeadWeight);
        Assert.Equal(first.Convs[0].Weight, second.Convs[0].Weight);
    }

    [Fact]
    public void Run_WeightAverage_IsReproducibleAndIsWhatGetsReturned()
    {
        var options = tiny.Options with { WeightAverageDecay = 0.9 };

        var first = BatchNormFolding.Fold(new Trainer(options, TextWriter.Null).Run().Net);
        var second = BatchNormFolding.Fold(new Trainer(options, TextWriter.Null).Run().Net);

        Assert.Equal(first.HeadWeight, second.HeadWeight);
        Assert.Equal(first.Convs[0].Weight, second.Convs[0].Weight);
        var plain = BatchNormFolding.Fold(new Trainer(options with { WeightAverageDecay = 0 }, TextWriter.Null).Run().Net);
        Assert.NotEqual(plain.HeadWeight, first.HeadWeight);
    }

    [Fact]
    public void FineTune_FromExportedModel_ChangesOnlyTheHead()
    {
        var options = tiny.Options with { FineTuneFrom = tiny.Export.Fp32Path, Epochs = 1 };
        var original = OnnxWeightsReader.Read(tiny.Export.Fp32Path);

        var tuned = BatchNormFolding.Fold(new Trainer(options, TextWriter.Null).Run().Net);

        for (var i = 0; i < original.Convs.Count; i++)
        {
            Assert.Equal(original.Convs[i].Weight, tuned.Convs[i].Weight, (a, b) => Math.Abs(a - b) < 1e-5f);
            Assert.Equal(original.Convs[i].Bias, tuned.Convs[i].Bias, (a, b) => Math.Abs(a - b) < 1e-5f);
        }

        Assert.NotEqual(original.HeadWeight, tuned.HeadWeight);
    }

    [Fact]
    public void Export_GreyModelUnderItsOwnName_IsMarkedGreyForTheDaemon()
    {
        var directory = EdgeMask.TestSupport.RepoPaths.NewTempDirectory("grey-export");
        try
        {
            var export = new ExportPipeline(TextWriter.Null).Run(
                [tiny.Result.Net], tiny.Result.Data, tiny.Result.Classes, tiny.Options.Input with { Greyscale = true }, directory, "night");

            Assert.Equal(Path.Combine(directory, "night.int8.onnx"), export.Int8Path);
            Assert.Equal(Path.Combine(directory, "night.fp32.onnx"), export.Fp32Path);
            Assert.Equal(EdgeMask.Classification.InputColour.Grey, EdgeMask.Classification.MaskModelFile.Inspect(export.Int8Path).InputColour);
            Assert.Equal(EdgeMask.Classification.InputColour.Colour, EdgeMask.Classification.MaskModelFile.Inspect(tiny.Export.Int8Path).InputColour);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Export_ModelNameWithAFolder_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ExportPipeline(TextWriter.Null).Run([tiny.Result.Net], tiny.Result.Data, tiny.Result.Classes, tiny.Options.Input, Path.GetTempPath(), "../escape"));

        Assert.Contains("--name '../escape' must be a plain file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unfold_ExportedWeights_ReproducesTheOutputs()
    {
        var folded = OnnxWeightsReader.Read(tiny.Export.Fp32Path);
        using var unfolded = BatchNormFolding.Unfold(folded);
        var input = new float[3 * 64 * 64];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (i % 17) / 8f - 1;
        }

        var set = new TensorSet(input, [0], 64, 64);
        using var session = new OnnxSession(Fp32Exporter.Build(folded, tiny.Options.Input).ToByteArray(), 1, GraphOptimizationLevel.ORT_DISABLE_ALL);

        Assert.Equal(session.Run(set), TorchInference.Probabilities(unfolded, set), (a, b) => Math.Abs(a - b) < 1e-4f);
    }

    [Fact]
    public void Run_ImagesWhereTheDetectorFindsNoFace_FailsNamingTheFolderAndTheWayOut()
    {
        // The tiny set's cartoon faces are not faces to YuNet: without --keep-undetected nothing is left to train on.
        var error = Assert.Throws<InvalidDataException>(() =>
            new Trainer(tiny.Options with { KeepUndetected = false, Epochs = 1 }, TextWriter.Null).Run());

        Assert.Contains(tiny.DataDirectory, error.Message, StringComparison.Ordinal);
        Assert.Contains("--keep-undetected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0 })]
    [InlineData(new[] { 1.0, 0.0, 1.0 })]
    [InlineData(new[] { 1.0, 11.0, 1.0 })]
    public void Validate_ClassWeightsOfTheWrongCountOrRange_NamesTheOption(double[] weights)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (tiny.Options with { ClassWeights = weights }).Validate());

        Assert.Contains("--class-weights", error.Message, StringComparison.Ordinal);
    }
}
