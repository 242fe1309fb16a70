using System.Diagnostics;
using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Evaluation.Scoring;
using OpenCvSharp;

namespace EdgeMask.Evaluation;

/// <summary>Scores the classifier on a folder of labelled face crops (with_mask/, without_mask/, optionally mask_weared_incorrect/).</summary>
public sealed class CropEvaluator
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];
    private readonly IMaskClassifier _classifier;

    public CropEvaluator(IMaskClassifier classifier) => _classifier = classifier;

    /// <param name="robustness">When given, every crop is also classified under each condition of the suite.</param>
    public CropEvaluation Evaluate(string directory, RobustnessSuite? robustness = null)
    {
        var files = ListLabelledImages(directory);
        var samples = new List<ClassifiedSample>(files.Count);
        var processing = TimeSpan.Zero;
        PixelBox[] whole = [default];
        foreach (var (path, label) in files)
        {
            using var image = Cv2.ImRead(path, ImreadModes.Color);
            if (image.Empty())
            {
                throw new InvalidDataException($"Crop '{path}' is not a readable image.");
            }

            // The crop already is the face: classify all of it (the margin is clipped away at the edges).
            whole[0] = new PixelBox(0, 0, image.Width, image.Height);
            var started = Stopwatch.GetTimestamp();
            var prediction = _classifier.Classify(image, whole)[0];
            processing += Stopwatch.GetElapsedTime(started);
            samples.Add(new ClassifiedSample(label, prediction));
            robustness?.Add(image, new FaceDetection(whole[0], 1f), label, samples.Count);
        }

        return new CropEvaluation(ClassificationMetrics.Compute(samples), files.Count == 0 ? 0 : processing.TotalMilliseconds / files.Count)
        {
            Robustness = robustness?.Results,
        };
    }

    public static IReadOnlyList<(string Path, MaskStatus Label)> ListLabelledImages(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Crops folder '{directory}' does not exist.");
        }

        var files = new List<(string, MaskStatus)>();
        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (!MaskLabels.TryParse(Path.GetFileName(sub), out var label))
            {
                continue;
            }

            files.AddRange(Directory.EnumerateFiles(sub)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, label)));
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException($"Crops folder '{directory}' has no images in with_mask/, without_mask/ or mask_weared_incorrect/.");
        }

        return files;
    }
}

public sealed record CropEvaluation(ClassificationMetrics Metrics, double MillisecondsPerFace)
{
    /// <summary>Verdicts per condition of the robustness suite, when it was run.</summary>
    public IReadOnlyList<(CameraCondition Condition, DoorVerdicts Verdicts)>? Robustness { get; init; }
}
