using EdgeMask.TestSupport;
using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Tests.Training;
using EdgeMask.Training.Training;
using Google.Protobuf;
using Onnx;

namespace EdgeMask.Training.Tests.Onnx;

/// <summary>Two trained networks exported as one model that averages them (merged side by side).</summary>
[Collection(TinyModelCollection.Name)]
public sealed class EnsembleExportTests(TrainedTinyModel tiny)
{
    private readonly TrainedTinyModel _tiny = tiny;
    private readonly MaskNet _second = tiny.Ensemble.Second;
    private readonly ExportResult _export = tiny.Ensemble.Export;

    [Fact]
    public void Fp32Model_OutputsTheMeanOfItsNetworks()
    {
        var set = _tiny.EvaluationSet();
        using var both = OnnxSession.FromFile(_export.Fp32Path);
        using var first = new OnnxSession(Fp32Exporter.Build(BatchNormFolding.Fold(_tiny.Result.Net), _tiny.Options.Input).ToByteArray());
        using var second = new OnnxSession(Fp32Exporter.Build(BatchNormFolding.Fold(_second), _tiny.Options.Input).ToByteArray());

        var a = first.Run(set);
        var b = second.Run(set);
        var mean = both.Run(set);

        Assert.Equal(a.Zip(b, (x, y) => (x + y) / 2).ToArray(), mean, (x, y) => Math.Abs(x - y) < 1e-5f);
        Assert.NotEqual(a, b, (x, y) => Math.Abs(x - y) < 1e-5f);
        Assert.InRange(_export.TorchOnnxDifference, 0, ExportPipeline.MaxTorchOnnxDifference);
    }

    [Fact]
    public void Int8Model_RunsBothNetworksAsOneGraphOfQLinearConvs()
    {
        Assert.Equal(9, _export.Fusion.Count("QLinearConv"));
        Assert.Equal(0, _export.Fusion.Count("Conv"));
        Assert.Equal(1, _export.Fusion.Count("ReduceMean"));
    }

    [Fact]
    public void Models_KeepTheContractAndRecordHowManyNetworksTheyAverage()
    {
        foreach (var path in new[] { _export.Fp32Path, _export.Int8Path })
        {
            using var session = OnnxSession.FromFile(path);
            var metadata = ModelMetadata.Read(path, session.Metadata, 64, 64);
            Assert.Equal(3, metadata.Labels.Count);
            Assert.Contains("\"networks_averaged\":2", metadata.MetricsJson, StringComparison.Ordinal);
            var probabilities = session.Run(new float[2 * 3 * 64 * 64], 2);
            Assert.Equal(6, probabilities.Length);
            Assert.Equal(1f, probabilities[3] + probabilities[4] + probabilities[5], 4);
        }
    }

    [Fact]
    public void Read_GivesTheMergedNetworkBackAndSplitRecoversEachOne()
    {
        var merged = OnnxWeightsReader.Read(_export.Fp32Path);
        var members = NetworkMerge.Split(merged);

        Assert.Equal(2, merged.Members);
        Assert.Equal(3, merged.Classes);
        Assert.Equal(BatchNormFolding.Fold(_tiny.Result.Net).HeadWeight, members[0].HeadWeight);
        Assert.Equal(BatchNormFolding.Fold(_second).Convs[4].Weight, members[1].Convs[4].Weight);
    }

    [Fact]
    public void FineTune_FromAnAveragedModel_StartsFromItsFirstNetworkAndSaysSo()
    {
        var log = new StringWriter();

        var tuned = BatchNormFolding.Fold(new Trainer(_tiny.Options with { FineTuneFrom = _export.Fp32Path, Epochs = 1 }, log).Run().Net);

        Assert.Contains("averages 2 networks; fine-tuning starts from the first", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(BatchNormFolding.Fold(_tiny.Result.Net).Convs[2].Weight, tuned.Convs[2].Weight, (x, y) => Math.Abs(x - y) < 1e-5f);
    }

    [Fact]
    public void FineTuneAll_FromAnAveragedModel_TrainsEveryLayerOfTheNetworkItsSeedPicks()
    {
        var log = new StringWriter();
        var options = _tiny.Options with { FineTuneFrom = _export.Fp32Path, FineTuneAllLayers = true, FineTuneMember = 1, Epochs = 1 };
        var start = NetworkMerge.Split(OnnxWeightsReader.Read(_export.Fp32Path))[1];

        var tuned = BatchNormFolding.Fold(new Trainer(options, log).Run().Net);

        Assert.Contains("fine-tuning starts from network 2", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("fine-tuning every layer", log.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(start.Convs[0].Weight, tuned.Convs[0].Weight, (x, y) => Math.Abs(x - y) < 1e-6f);
        Assert.NotEqual(start.HeadWeight, tuned.HeadWeight, (x, y) => Math.Abs(x - y) < 1e-6f);
        // Close to where it started (one short epoch from a trained network), not a fresh network.
        var moved = start.Convs[0].Weight.Zip(tuned.Convs[0].Weight, (x, y) => Math.Abs(x - y)).Max();
        Assert.InRange(moved, 1e-6f, 0.5f * start.Convs[0].Weight.Max(Math.Abs));
    }

    [Fact]
    public void FineTuneAll_ANetworkTheModelDoesNotHold_IsRefusedNamingTheModel()
    {
        var options = _tiny.Options with { FineTuneFrom = _export.Fp32Path, FineTuneAllLayers = true, FineTuneMember = 2, Epochs = 1 };

        var error = Assert.Throws<InvalidDataException>(() => new Trainer(options, TextWriter.Null).Run());

        Assert.Contains(_export.Fp32Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("holds 2 network(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FineTuneAll_WithoutAModelToStartFrom_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => (_tiny.Options with { FineTuneAllLayers = true }).Validate());

        Assert.Contains("--fine-tune-all needs --fine-tune-from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_OfGreyAndColourModels_AreNotAveraged()
    {
        var colour = new Checkpoint(3, 32, 64, 64, 0.15, 43, "abc");
        var grey = colour with { Greyscale = true };

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Common(["runs/colour", "runs/grey"], [colour, grey]));

        Assert.Contains("grey input, not colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_WithAndWithoutStandardisedContrast_AreNotAveraged()
    {
        var plain = new Checkpoint(3, 32, 64, 64, 0.15, 43, "abc", Greyscale: true);
        var standardised = plain with { StandardisedContrast = true };

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Common(["runs/plain", "runs/std"], [plain, standardised]));

        Assert.Contains("'runs/std'", error.Message, StringComparison.Ordinal);
        Assert.Contains("contrast standardised, not as captured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleNetwork_KeepsItsPlainHead()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_tiny.Export.Int8Path));

        Assert.DoesNotContain(model.Graph.Node, node => node.OpType is "ReduceMean" or "Reshape");
        Assert.Equal("probabilities", model.Graph.Node.Single(node => node.OpType == "Softmax").Name);
    }

    [Fact]
    public void Checkpoints_TrainedDifferently_AreRefusedNamingTheFolder()
    {
        var a = new Checkpoint(3, 32, 64, 64, 0.15, 42, "abc");
        var b = a with { InputWidth = 80, InputHeight = 80 };

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Common(["runs/a", "runs/b"], [a, b]));

        Assert.Contains("'runs/b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("input 80x80, not 64x64", error.Message, StringComparison.Ordinal);
        Assert.Same(a, Checkpoint.Common(["runs/a", "runs/c"], [a, a with { Seed = 43 }]));
    }
}
