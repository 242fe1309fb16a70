using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeMask.Training.Evaluation;

/// <summary>
/// The robustness suite (<see cref="CameraCondition.Suite"/>) on a data folder: every image where the daemon's
/// detector finds a face is classified again under each camera condition by the daemon's own classifier
/// (EdgeMask.Classification, default confidence threshold), as <c>edgemask evaluate --robustness</c> does.
/// </summary>
public static class RobustnessEvaluation
{
    public static IReadOnlyList<RobustnessRow> Run(string modelPath, string dataDirectory, DataSplit? split)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Classification:ModelPath"] = Path.GetFullPath(modelPath) })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddClassification().BuildServiceProvider();
        var classifier = services.GetRequiredService<IMaskClassifier>();
        var folder = ImageFolder.Open(dataDirectory, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
        var images = split is { } s ? folder.In(s).ToList() : folder.Images.ToList();
        using var detector = new TrainingFaceDetector();
        var faces = FaceImage.Load(images, detector);
        var suite = new RobustnessSuite(classifier);
        try
        {
            for (var i = 0; i < faces.Count; i++)
            {
                if (faces[i].Detection is { } face)
                {
                    suite.Add(faces[i].Bgr, face, faces[i].Source.LabelIndex switch { ClassScheme.WithMask => MaskStatus.Mask, ClassScheme.WithoutMask => MaskStatus.NoMask, _ => MaskStatus.WornIncorrectly }, i);
                }
            }
        }
        finally
        {
            foreach (var face in faces)
            {
                face.Dispose();
            }
        }

        return suite.Results.Select(r => new RobustnessRow(
            r.Condition.Name,
            r.Condition.Description,
            r.Verdicts.Bare.Total,
            r.Verdicts.BareRecall ?? double.NaN,
            r.Verdicts.Masked.Total,
            r.Verdicts.MaskedRecall ?? double.NaN,
            r.Verdicts.UncertainShare ?? double.NaN)).ToList();
    }
}

/// <summary>One condition of the suite: bare faces flagged (no mask or worn incorrectly), masked faces called masked, share left uncertain.</summary>
public sealed record RobustnessRow(string Condition, string Description, int BareFaces, double BareRecall, int MaskedFaces, double MaskedRecall, double UncertainShare);
