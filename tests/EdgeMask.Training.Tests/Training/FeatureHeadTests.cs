using EdgeMask.Evaluation.Fixtures;
using EdgeMask.TestSupport;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Tests.Onnx;
using EdgeMask.Training.Training;
using Google.Protobuf;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Training;

/// <summary>`edgemask-train feature-head`: a converted TF.js network's features with a fitted logistic-regression head.</summary>
public sealed class FeatureHeadTests : IDisposable
{
    private const int PerClass = 40;
    private readonly string _directory = RepoPaths.NewTempDirectory("feature-head");

    [Fact]
    public void Fit_OnDetectedFaces_WritesOneTwoClassClassifierAndSaysWhatItChose()
    {
        var data = FaceFolder();
        var tiny = new TinyTfjsModel().Write(_directory, new TinyTfjsModel().Nodes());
        var (graph, features, width) = TfjsToOnnx.Convert(TfjsGraphModel.Load(tiny), "dense", 16, 16);
        var input = new InputSpec(16, 16, [0, 0, 0], [1 / 255f, 1 / 255f, 1 / 255f], 0.15);
        var log = new StringWriter();

        var model = new FeatureHead(log).Fit(graph, features, width, ImageFolder.Open(data, ClassScheme.TwoClass.Labels, SplitFractions.Default), input, 1);

        Assert.Equal(Fp32Exporter.OutputName, Assert.Single(model.Graph.Output).Name);
        using var session = new OnnxSession(model.ToByteArray());
        var probabilities = session.Run(new float[2 * 3 * 16 * 16], 2);
        Assert.Equal(4, probabilities.Length);
        Assert.Equal(1f, probabilities[0] + probabilities[1], 4);
        Assert.Matches(@"features of \d+ training and \d+ validation faces \(3 each\)", log.ToString());
        Assert.Contains("chosen L2", log.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A real face photo (opencv-doc) many times over; the with_mask copies get a painted mask.</summary>
    private string FaceFolder()
    {
        var root = Path.Combine(_directory, "data");
        using var photo = Cv2.ImRead(PeopleScene.FacePhoto);
        using var detector = new TrainingFaceDetector();
        var face = detector.DetectLargest(photo) ?? throw new InvalidOperationException($"YuNet finds no face in {PeopleScene.FacePhoto}.");
        var frame = face.Landmarks is { } landmarks ? FaceFrame.FromLandmarks(landmarks) : FaceFrame.FromBox(new Rect(face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height));
        foreach (var label in ClassScheme.TwoClass.Labels)
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (var i = 0; i < PerClass; i++)
            {
                using var copy = photo.Clone();
                copy.ConvertTo(copy, -1, 0.8 + (i * 0.01), i);
                if (label == ClassScheme.TwoClass.Labels[ClassScheme.WithMask])
                {
                    SyntheticMaskPainter.Paint(copy, frame, MaskPlacement.OverNose, new Random(i));
                }

                Cv2.ImWrite(Path.Combine(root, label, $"face-{i:00}.jpg"), copy);
            }
        }

        return root;
    }
}
