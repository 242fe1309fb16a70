using EdgeMask.Analysis;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Evaluation.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Evaluation;

/// <summary>
/// How often a person ends with the right verdict once the tracker has voted: each annotated photo is played as a short
/// clip (the daemon's frame analysis and scene logic, its default verdict window) in which the camera adds a little
/// sensor noise and shake, and each person's verdict after the last frame is scored. A still photo played as a clip is
/// not footage: the frames differ only by noise, so this measures how far votes settle faces that single frames leave
/// uncertain, not how a walk past the camera varies them.
/// </summary>
public sealed class TrackedVerdictEvaluator(IFrameAnalyzer analyzer, IConfiguration configuration)
{
    private const double FramesPerSecond = 15;
    private const double NoiseSigmaLevels = 3;
    private const int ShakePixels = 2;

    /// <param name="frames">Frames each photo is played for (at 15 fps).</param>
    /// <returns>Final verdicts of the people whose annotated face is 32 px or more wide, by annotated group.</returns>
    public DoorVerdicts Evaluate(string imageDirectory, IReadOnlyList<AnnotatedImage> annotations, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var verdicts = new DoorVerdicts();
        var imageNumber = 0;
        foreach (var annotation in annotations)
        {
            imageNumber++;
            var path = Path.Combine(imageDirectory, annotation.ImageFile);
            using var image = Cv2.ImRead(path, ImreadModes.Color);
            if (image.Empty())
            {
                throw new InvalidDataException($"Image '{path}' (named by the annotation of {annotation.ImageFile}) is missing or not readable.");
            }

            var people = Play(image, frames, imageNumber);
            Score(annotation, people, verdicts);
        }

        return verdicts;
    }

    private IReadOnlyList<TrackedPerson> Play(Mat image, int frames, int seed)
    {
        // A fresh scene per photo: each is its own doorway.
        using var services = new ServiceCollection().AddSingleton(configuration).AddSceneLogic().BuildServiceProvider();
        var scene = services.GetRequiredService<ISceneAnalyzer>();
        var random = new Random(seed);
        using var frame = new Mat();
        IReadOnlyList<TrackedPerson> people = [];
        for (var i = 0; i < frames; i++)
        {
            Shake(image, frame, random);
            CameraEffects.SensorNoise(frame, NoiseSigmaLevels, random);
            var analyzed = analyzer.Analyze(frame, i, DateTimeOffset.UnixEpoch.AddSeconds(i / FramesPerSecond));
            people = scene.Analyze(analyzed.Analysis).People;
        }

        return people;
    }

    private static void Shake(Mat image, Mat frame, Random random)
    {
        using var shift = new Mat(2, 3, MatType.CV_64FC1, Scalar.All(0));
        shift.Set(0, 0, 1.0);
        shift.Set(1, 1, 1.0);
        shift.Set(0, 2, (double)random.Next(-ShakePixels, ShakePixels + 1));
        shift.Set(1, 2, (double)random.Next(-ShakePixels, ShakePixels + 1));
        Cv2.WarpAffine(image, frame, shift, image.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
    }

    private static void Score(AnnotatedImage annotation, IReadOnlyList<TrackedPerson> people, DoorVerdicts verdicts)
    {
        var taken = new bool[people.Count];
        foreach (var truth in annotation.Faces.Where(f => f.Box.Width >= SizedRecall.MinimumWidthPixels).OrderByDescending(f => f.Box.Area))
        {
            var best = -1;
            var bestIou = 0.3;
            for (var p = 0; p < people.Count; p++)
            {
                var iou = people[p].Box.IntersectionOverUnion(truth.Box);
                if (!taken[p] && iou >= bestIou)
                {
                    best = p;
                    bestIou = iou;
                }
            }

            if (best >= 0)
            {
                taken[best] = true;
                verdicts.Add(truth.AnnotatedStatus, people[best].Verdict);
            }
        }
    }
}
