using EdgeMask.TestSupport;
using EdgeMask.Training.Cli;
using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Tests.Training;
using EdgeMask.Training.Training;
using Google.Protobuf;
using Onnx;

namespace EdgeMask.Training.Tests.Onnx;

/// <summary>`edgemask-train interpolate`: two fp32 models of one architecture, averaged weight by weight and exported.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class InterpolationExportTests : IDisposable
{
    private readonly TrainedTinyModel _tiny;
    private readonly string _directory = RepoPaths.NewTempDirectory("interpolate");
    private readonly string _second;

    public InterpolationExportTests(TrainedTinyModel tiny)
    {
        _tiny = tiny;
        _second = tiny.Ensemble.SecondExport.Fp32Path;
    }

    [Fact]
    public void Interpolate_AtItsEnds_ScoresLikeEachModel()
    {
        var set = _tiny.EvaluationSet();
        using var first = OnnxSession.FromFile(_tiny.Export.Fp32Path);
        using var second = OnnxSession.FromFile(_second);

        var atStart = Interpolate(0, "start");
        var atEnd = Interpolate(1, "end");

        using var start = OnnxSession.FromFile(atStart.Fp32Path);
        using var end = OnnxSession.FromFile(atEnd.Fp32Path);
        Assert.Equal(first.Run(set), start.Run(set), (x, y) => Math.Abs(x - y) < 1e-5f);
        Assert.Equal(second.Run(set), end.Run(set), (x, y) => Math.Abs(x - y) < 1e-5f);
    }

    [Fact]
    public void Interpolate_Halfway_WritesTheMeanWeightsAsFp32AndInt8AndRecordsHowTheyWereMade()
    {
        var halfway = Interpolate(0.5, "halfway");

        var written = OnnxWeightsReader.Read(halfway.Fp32Path);
        var (a, b) = (OnnxWeightsReader.Read(_tiny.Export.Fp32Path), OnnxWeightsReader.Read(_second));
        Assert.Equal(a.Convs[3].Weight.Zip(b.Convs[3].Weight, (x, y) => (x + y) / 2), written.Convs[3].Weight, (x, y) => Math.Abs(x - y) < 1e-5f);
        Assert.Equal(0, halfway.Fusion.Count("Conv"));
        foreach (var path in new[] { halfway.Fp32Path, halfway.Int8Path })
        {
            using var session = OnnxSession.FromFile(path);
            var metadata = ModelMetadata.Read(path, session.Metadata, 64, 64);
            Assert.Contains("\"interpolated\":{\"from\":\"mask_classifier.fp32.onnx\",\"to\":\"mask_classifier.fp32.onnx\",\"weight\":0.5}", metadata.MetricsJson, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Interpolate_ASingleNetworkWithAnAveragedPair_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            InterpolateCommand.Run(_tiny.Export.Fp32Path, _tiny.Ensemble.Export.Fp32Path, 0.5, _tiny.Result.Data, Path.Combine(_directory, "mixed"), "mixed", TextWriter.Null));

        Assert.Contains("Only networks of one architecture interpolate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_AGreyModelWithAColourOne_IsRefusedNamingBothFiles()
    {
        var grey = SecondModelWith(ModelMetadata.InputColourKey, "grey", "grey.fp32.onnx");

        var error = Assert.Throws<InvalidDataException>(() =>
            InterpolateCommand.Run(_tiny.Export.Fp32Path, grey, 0.5, _tiny.Result.Data, Path.Combine(_directory, "grey"), "grey", TextWriter.Null));

        Assert.Contains(grey, error.Message, StringComparison.Ordinal);
        Assert.Contains(_tiny.Export.Fp32Path, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "grey")));
    }

    [Fact]
    public void Interpolate_AStandardisedModelWithAnUnstandardisedOne_IsRefused()
    {
        var standardised = SecondModelWith(ModelMetadata.InputContrastKey, "standardised", "standardised.fp32.onnx");

        var error = Assert.Throws<InvalidDataException>(() =>
            InterpolateCommand.Run(_tiny.Export.Fp32Path, standardised, 0.5, _tiny.Result.Data, Path.Combine(_directory, "std"), "std", TextWriter.Null));

        Assert.Contains("contrast differ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "std")));
    }

    /// <summary>A copy of the second model with one more metadata entry.</summary>
    private string SecondModelWith(string key, string value, string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_second));
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ExportResult Interpolate(double weight, string name) =>
        InterpolateCommand.Run(_tiny.Export.Fp32Path, _second, weight, _tiny.Result.Data, Path.Combine(_directory, name), "mask_classifier", TextWriter.Null);
}
