using EdgeMask.Analysis;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Evaluation.Scoring;
using OpenCvSharp;

namespace EdgeMask.Evaluation;

/// <summary>
/// Runs the daemon's own frame analysis (detector and classifier) over annotated photos and scores detection
/// (recall and precision at IoU 0.5, by face size and by label), classification of matched faces, and the
/// image-level "someone is unmasked" decision.
/// </summary>
public sealed class SceneEvaluator(IFrameAnalyzer analyzer)
{
    /// <param name="onImage">Called after each image with the image and its result, e.g. to dump mistakes.</param>
    /// <param name="robustness">When given, every found face of 32 px and more is also classified under each condition of the suite.</param>
    public SceneEvaluation Evaluate(string imageDirectory, IReadOnlyList<AnnotatedImage> annotations, Action<Mat, ImageResult>? onImage = null, RobustnessSuite? robustness = null)
    {
        var results = new List<ImageResult>(annotations.Count);
        var processing = TimeSpan.Zero;
        foreach (var annotation in annotations)
        {
            var path = Path.Combine(imageDirectory, annotation.ImageFile);
            using var image = Cv2.ImRead(path, ImreadModes.Color);
            if (image.Empty())
            {
                throw new InvalidDataException($"Image '{path}' (named by the annotation of {annotation.ImageFile}) is missing or not readable.");
            }

            var analyzed = analyzer.Analyze(image, results.Count, DateTimeOffset.UnixEpoch);
            processing += analyzed.DetectionTime + analyzed.ClassificationTime;

            var result = Score(annotation, analyzed.Analysis.Faces);
            results.Add(result);
            if (robustness is not null)
            {
                AddToSuite(robustness, image, result, results.Count);
            }

            onImage?.Invoke(image, result);
        }

        return SceneEvaluation.From(results, processing) with { Robustness = robustness?.Results };
    }

    private static void AddToSuite(RobustnessSuite suite, Mat image, ImageResult result, int imageNumber)
    {
        foreach (var (index, truth, face) in result.FoundHeadlineFaces)
        {
            suite.Add(image, new FaceDetection(face.Box, face.DetectionScore, face.Landmarks), truth.AnnotatedStatus, (imageNumber * 1000) + index);
        }
    }

    /// <summary>Matches one image's found faces to its annotation; pure, for tests with hand-computed answers.</summary>
    public static ImageResult Score(AnnotatedImage annotation, IReadOnlyList<FaceObservation> faces)
    {
        var truths = annotation.Faces.Select(f => f.Box).ToArray();
        var matching = BoxMatcher.Match(truths, faces.Select(f => new ScoredBox(f.Box, f.DetectionScore)).ToArray());
        return new ImageResult(annotation, faces, matching);
    }
}

/// <summary>One image's found faces with their verdicts, and how they matched the annotation.</summary>
public sealed record ImageResult(
    AnnotatedImage Annotation,
    IReadOnlyList<FaceObservation> Faces,
    BoxMatching Matching)
{
    public bool TruthSomeoneUnmasked => Annotation.Faces.Any(f => f.Label != MaskStatus.Mask);

    public bool PredictedSomeoneUnmasked => Faces.Any(f => f.Mask.Status is MaskStatus.NoMask or MaskStatus.WornIncorrectly);

    public bool HasMistakes =>
        Matching.TruthToPrediction.Any(p => p < 0)
        || Matching.PredictionToTruth.Any(t => t < 0)
        || Enumerable.Range(0, Annotation.Faces.Count).Any(t => Matching.TruthToPrediction[t] is var p && p >= 0 && Faces[p].Mask.Status != Annotation.Faces[t].Label);

    /// <summary>The annotated faces of the headline figures (32 px and more wide) that were found, with what was found.</summary>
    public IEnumerable<(int Index, AnnotatedFace Truth, FaceObservation Face)> FoundHeadlineFaces =>
        Enumerable.Range(0, Annotation.Faces.Count)
            .Where(t => Matching.TruthToPrediction[t] >= 0 && Annotation.Faces[t].Box.Width >= SizedRecall.MinimumWidthPixels)
            .Select(t => (t, Annotation.Faces[t], Faces[Matching.TruthToPrediction[t]]));

    public IEnumerable<PixelBox> MissedFaces => Enumerable.Range(0, Annotation.Faces.Count).Where(t => Matching.TruthToPrediction[t] < 0).Select(t => Annotation.Faces[t].Box);
}
