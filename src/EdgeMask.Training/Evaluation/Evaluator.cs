using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Evaluation;

/// <summary>
/// Scores ONNX models that follow docs/model-format.md on a folder of with_mask / without_mask images (all of it, or
/// one split), cropping each image the runtime way with the preprocessing the model's metadata declares.
/// </summary>
public sealed class Evaluator(TextWriter log)
{
    public ModelScore Score(string modelPath, string dataDirectory, DataSplit? split)
    {
        var bytes = File.ReadAllBytes(modelPath);
        using var session = new OnnxSession(bytes, threads: Environment.ProcessorCount);
        var metadata = ModelMetadata.Read(modelPath, session.Metadata, (int)session.Height, (int)session.Width);
        var folder = ImageFolder.Open(dataDirectory, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
        var images = split is { } s ? folder.In(s).ToList() : folder.Images.ToList();
        using var detector = new TrainingFaceDetector();
        var faces = FaceImage.Load(images, detector);
        var classes = ClassScheme.FromCount(metadata.Labels.Count);
        var factory = new SampleFactory(metadata.Input, AugmentationOptions.None, classes, SyntheticMaskOptions.None);
        var set = TensorSet.Build(faces, metadata.Input.Height, metadata.Input.Width, (image, buffer) => factory.Evaluation(image, buffer.Span));
        var probabilities = session.Run(set);
        foreach (var face in faces)
        {
            face.Dispose();
        }

        var metrics = BinaryMetrics.FromProbabilities(probabilities, set.Labels, classes.Count);
        var errors = new List<Misclassification>();
        var everyImage = new List<Misclassification>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var pMask = probabilities[i * classes.Count];
            var predictedMask = probabilities.AsSpan(i * classes.Count, classes.Count).IndexOf(probabilities.AsSpan(i * classes.Count, classes.Count).ToArray().Max()) == 0;
            var scored = new Misclassification(images[i].Path, images[i].Label, pMask);
            everyImage.Add(scored);
            if (predictedMask != (set.Labels[i] == ClassScheme.WithMask))
            {
                errors.Add(scored);
            }
        }

        log.WriteLine(FormattableString.Invariant($"{Path.GetFileName(modelPath)}: {set.Count} images, balanced accuracy {metrics.BalancedAccuracy:P2}"));
        return new ModelScore(modelPath, new FileInfo(modelPath).Length, metadata, metrics, errors) { EveryImage = everyImage };
    }
}

/// <summary>A model's scores on a data folder.</summary>
public sealed record ModelScore(string Path, long SizeBytes, ModelMetadata Metadata, BinaryMetrics Metrics, IReadOnlyList<Misclassification> Errors)
{
    /// <summary>Every image with its P(with_mask), for reviewing labels.</summary>
    public IReadOnlyList<Misclassification> EveryImage { get; init; } = [];
}

/// <summary>An image the model got wrong: its file, its true label and the model's P(with_mask).</summary>
public sealed record Misclassification(string Path, string Truth, float WithMaskProbability);
