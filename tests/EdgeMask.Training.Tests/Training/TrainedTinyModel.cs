using EdgeMask.TestSupport;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Tests.Training;

/// <summary>The test classes that share one <see cref="TrainedTinyModel"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TrainedTinyModel>
{
    public const string Name = "tiny trained model";
}

/// <summary>Trains once per test run, for a few steps, on a synthetic ImageFolder, and exports it to a temp folder.</summary>
public sealed class TrainedTinyModel : IDisposable
{
    public TrainedTinyModel()
    {
        DataDirectory = SyntheticFaces.Create(RepoPaths.NewTempDirectory("tiny-data"), perClass: 24);
        OutputDirectory = RepoPaths.NewTempDirectory("tiny-models");
        Options = new TrainingOptions
        {
            DataDirectory = DataDirectory,
            Epochs = 3,
            BatchSize = 16,
            Classes = 3,
            Width = 8,
            Threads = 1,
            LearningRate = 0.01,
            Augmentation = new AugmentationOptions { RotationDegrees = 10 },

            // Cartoon faces: the daemon's detector (YuNet) finds none, so they are framed as whole images.
            KeepUndetected = true,
        };
        Log = new StringWriter();
        Result = new Trainer(Options, Log).Run();
        Export = new ExportPipeline(Log).Run(Result.Net, Result.Data, Result.Classes, Options.Input, OutputDirectory);
        _ensemble = new Lazy<TinyEnsemble>(() =>
        {
            var second = new Trainer(Options with { Seed = 7, Epochs = 1 }, TextWriter.Null).Run().Net;
            var directory = RepoPaths.NewTempDirectory("tiny-ensemble");
            var pipeline = new ExportPipeline(TextWriter.Null);
            var alone = pipeline.Run(second, Result.Data, Result.Classes, Options.Input, Path.Combine(directory, "second"));
            return new TinyEnsemble(second, directory, pipeline.Run([Result.Net, second], Result.Data, Result.Classes, Options.Input, directory), alone);
        });
    }

    private readonly Lazy<TinyEnsemble> _ensemble;

    public string DataDirectory { get; }

    public string OutputDirectory { get; }

    public TrainingOptions Options { get; }

    public StringWriter Log { get; }

    public TrainingResult Result { get; }

    public ExportResult Export { get; }

    /// <summary>The tiny network and a second one (seed 7, one epoch) exported as one averaged model; made on first use.</summary>
    public TinyEnsemble Ensemble => _ensemble.Value;

    /// <summary>Every image of the tiny data set, cropped and preprocessed as for evaluation.</summary>
    public TensorSet EvaluationSet()
    {
        var images = ImageFolder.Open(DataDirectory, ClassScheme.TwoClass.Labels, SplitFractions.Default).Images;
        using var detector = new TrainingFaceDetector();
        var faces = FaceImage.Load(images, detector);
        var factory = new SampleFactory(InputSpec.Default, AugmentationOptions.None, ClassScheme.ThreeClass, SyntheticMaskOptions.None);
        var set = TensorSet.Build(faces, 64, 64, (image, buffer) => factory.Evaluation(image, buffer.Span));
        foreach (var face in faces)
        {
            face.Dispose();
        }

        return set;
    }

    public void Dispose()
    {
        if (_ensemble.IsValueCreated)
        {
            _ensemble.Value.Second.Dispose();
            Directory.Delete(_ensemble.Value.Directory, recursive: true);
        }

        Result.Net.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
        Directory.Delete(OutputDirectory, recursive: true);
    }
}

/// <summary>A second tiny network, the model that averages it with the first, and its own model.</summary>
public sealed record TinyEnsemble(MaskNet Second, string Directory, ExportResult Export, ExportResult SecondExport);
