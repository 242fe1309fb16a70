using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Scoring;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Robustness;

/// <summary>
/// Classifies each face again under every <see cref="CameraCondition"/> of the suite and counts the verdicts per
/// condition. A condition is applied to the face and its surroundings (the face grown by half its size on every side),
/// the way the camera would have delivered them, and the classifier then crops that as it does in the daemon.
/// </summary>
/// <param name="observer">Sees every verdict with the image it was made on (e.g. to draw a condition's mistakes); the image is only valid during the call.</param>
public sealed class RobustnessSuite(IMaskClassifier classifier, IReadOnlyList<CameraCondition>? conditions = null, Action<RobustnessVerdict>? observer = null)
{
    private const double SurroundFraction = 0.5;
    private readonly IReadOnlyList<CameraCondition> _conditions = conditions ?? CameraCondition.Suite;
    private readonly Dictionary<string, DoorVerdicts> _verdicts = [];

    /// <summary>Verdicts per condition, in the suite's order.</summary>
    public IReadOnlyList<(CameraCondition Condition, DoorVerdicts Verdicts)> Results =>
        _conditions.Select(c => (c, _verdicts.TryGetValue(c.Name, out var v) ? v : new DoorVerdicts())).ToList();

    /// <param name="bgrImage">The image the face was found in.</param>
    /// <param name="face">The face as the detector gave it (or the whole crop).</param>
    /// <param name="truth">Its annotated class (worn incorrectly kept apart).</param>
    /// <param name="seed">Seeds the random parts of a condition (noise) for this face, so runs repeat exactly.</param>
    public void Add(Mat bgrImage, FaceDetection face, MaskStatus truth, int seed)
    {
        ArgumentNullException.ThrowIfNull(bgrImage);
        ArgumentNullException.ThrowIfNull(face);
        var region = face.Box.ExpandAndClip(SurroundFraction, bgrImage.Width, bgrImage.Height);
        if (region.IsEmpty)
        {
            return;
        }

        using var surround = new Mat(bgrImage, new Rect(region.X, region.Y, region.Width, region.Height));
        var local = face.Transform(1, -region.X, -region.Y);
        var faceRect = new Rect(local.Box.X, local.Box.Y, local.Box.Width, local.Box.Height);
        FaceDetection[] faces = [local];
        foreach (var condition in _conditions)
        {
            using var image = surround.Clone();
            condition.Apply(image, faceRect, new Random(seed));
            var prediction = classifier.Classify(image, faces)[0];
            observer?.Invoke(new RobustnessVerdict(condition, image, local, truth, prediction));
            if (!_verdicts.TryGetValue(condition.Name, out var verdicts))
            {
                verdicts = new DoorVerdicts();
                _verdicts[condition.Name] = verdicts;
            }

            verdicts.Add(truth, prediction.Status);
        }
    }
}

/// <summary>One face's verdict under one condition: <paramref name="Image"/> is the face and its surroundings as the condition left them.</summary>
public sealed record RobustnessVerdict(CameraCondition Condition, Mat Image, FaceDetection Face, MaskStatus Truth, MaskPrediction Prediction);
