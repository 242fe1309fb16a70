using EdgeMask.TestSupport;
using EdgeMask.Training.Model;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Tests.Training;

[Collection(TinyModelCollection.Name)]
public sealed class EnsembleTrainerTests(TrainedTinyModel tiny) : IDisposable
{
    private readonly string _checkpoints = RepoPaths.NewTempDirectory("tiny-checkpoints");

    [Fact]
    public void Run_TwoSeeds_TrainsEachAsIfAloneAndSavesSeedFolders()
    {
        var result = new EnsembleTrainer(tiny.Options, TextWriter.Null).Run([9, tiny.Options.Seed], _checkpoints);

        Assert.Equal(2, result.Nets.Count);
        Assert.Equal(BatchNormFolding.Fold(tiny.Result.Net).HeadWeight, BatchNormFolding.Fold(result.Nets[1]).HeadWeight);
        Assert.NotEqual(BatchNormFolding.Fold(result.Nets[0]).HeadWeight, BatchNormFolding.Fold(result.Nets[1]).HeadWeight);
        var folders = Checkpoint.FoldersIn(_checkpoints);
        Assert.Equal(["seed-9", $"seed-{tiny.Options.Seed}"], folders.Select(Path.GetFileName));
        Assert.Equal(9, Checkpoint.Load(folders[0]).Description.Seed);
        foreach (var net in result.Nets)
        {
            net.Dispose();
        }
    }

    [Fact]
    public void Run_FineTuneWithSeveralSeeds_TrainsOneNetworkAndSaysSo()
    {
        var log = new StringWriter();
        var options = tiny.Options with { FineTuneFrom = tiny.Export.Fp32Path, Epochs = 1 };

        var result = new EnsembleTrainer(options, log).Run([5, 6], _checkpoints);

        Assert.Single(result.Nets);
        Assert.Contains("fine-tuning trains one network: seed 5", log.ToString(), StringComparison.Ordinal);
        Assert.Equal([_checkpoints], Checkpoint.FoldersIn(_checkpoints));
        result.Nets[0].Dispose();
    }

    [Fact]
    public void Run_FineTuneAllLayersOfAnAveragedModel_TunesEachOfItsNetworksWithOneSeedEach()
    {
        var log = new StringWriter();
        var options = tiny.Options with { FineTuneFrom = tiny.Ensemble.Export.Fp32Path, FineTuneAllLayers = true, Epochs = 1, Input = tiny.Options.Input with { Greyscale = true } };

        var result = new EnsembleTrainer(options, log).Run([5, 6], _checkpoints);

        Assert.Equal(2, result.Nets.Count);
        Assert.Contains("fine-tuning starts from the first of them", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("fine-tuning starts from network 2", log.ToString(), StringComparison.Ordinal);
        var saved = Checkpoint.FoldersIn(_checkpoints).Select(folder => Checkpoint.Load(folder)).ToList();
        Assert.All(saved, checkpoint => Assert.True(checkpoint.Description.Greyscale));
        foreach (var net in result.Nets.Concat(saved.Select(s => s.Net)))
        {
            net.Dispose();
        }
    }

    [Fact]
    public void FoldersIn_CheckpointBesideSeedFolders_IsAnErrorNamingTheFolder()
    {
        Checkpoint.Save(_checkpoints, tiny.Result.Net, tiny.Options, "abc");
        Checkpoint.Save(Path.Combine(_checkpoints, Checkpoint.SeedFolder(3)), tiny.Result.Net, tiny.Options, "abc");

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.FoldersIn(_checkpoints));

        Assert.Contains(_checkpoints, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoSeed_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new EnsembleTrainer(tiny.Options, TextWriter.Null).Run([], _checkpoints));
    }

    public void Dispose() => Directory.Delete(_checkpoints, recursive: true);
}
