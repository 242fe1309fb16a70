using System.Text.Json;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Detection.Learned;
using OpenCvSharp;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// The converted ONNX detectors against face-api's own JavaScript (tests/faceapi-reference/detect.js, tfjs cpu
/// backend) on the same pixels: every confident face on one side has a partner on the other with IoU >= 0.9 and a
/// score within 0.02.
/// </summary>
public sealed class FaceApiReferenceTests(FaceApiPackageFixture package) : IClassFixture<FaceApiPackageFixture>
{
    private const double RequiredIoU = 0.9;
    private const double ScoreTolerance = 0.02;

    /// <summary>Fewer faces than this across all scenes and the comparison would prove little.</summary>
    private const int MinComparedFaces = 3;
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [SkippableTheory]
    [InlineData("tiny", 0.4, 0.15)]
    [InlineData("ssd", 0.5, 0.3)]
    public async Task Detect_SampleScenes_MatchFaceApiJavaScript(string detector, double faceApiNmsIou, double minScore)
    {
        Skip.If(package.SkipReason is not null, package.SkipReason);
        var scenes = SceneImages.Create();
        var imageDir = RepoPaths.NewTempDirectory("faceapi-scenes");
        var ppmPaths = new List<string>();
        foreach (var (name, image) in scenes)
        {
            var path = Path.Combine(imageDir, name + ".ppm");
            Assert.True(Cv2.ImWrite(path, image), $"could not write {path}");
            ppmPaths.Add(path);
        }

        var reference = await RunFaceApiAsync(detector, minScore, ppmPaths);
        var options = new LearnedDetectorOptions
        {
            TinyModelPath = package.TinyModelPath,
            SsdModelPath = package.SsdModelPath,
            MinScore = minScore,
            NmsIouThreshold = faceApiNmsIou,
        };
        using var onnx = LearnedFaceDetectorFactory.Create(detector, options);

        var total = 0;
        for (var i = 0; i < scenes.Count; i++)
        {
            var (name, image) = scenes[i];
            var ours = onnx.Detect(image);
            var theirs = reference[i].Select(d => ToFaceDetection(d, image.Width, image.Height)).ToList();
            AssertEveryConfidentFaceHasPartner(theirs, ours, minScore, $"{detector} {name}: face-api face");
            AssertEveryConfidentFaceHasPartner(ours, theirs, minScore, $"{detector} {name}: ONNX face");
            total += theirs.Count;
            image.Dispose();
        }

        Assert.True(total >= MinComparedFaces, $"face-api's {detector} detector found only {total} faces in {scenes.Count} scenes; the comparison would prove little.");
        Directory.Delete(imageDir, recursive: true);
    }

    private static void AssertEveryConfidentFaceHasPartner(IReadOnlyList<FaceDetection> from, IReadOnlyList<FaceDetection> to, double minScore, string what)
    {
        foreach (var face in from.Where(f => f.Score >= minScore + ScoreTolerance))
        {
            var best = to.OrderByDescending(t => t.Box.IntersectionOverUnion(face.Box)).FirstOrDefault();
            Assert.True(best is not null, $"{what} {face.Box} score {face.Score:F3} has no partner (other side: none).");
            var iou = best.Box.IntersectionOverUnion(face.Box);
            Assert.True(iou >= RequiredIoU, $"{what} {face.Box} score {face.Score:F3}: best partner {best.Box} has IoU {iou:F3} < {RequiredIoU}.");
            Assert.True(Math.Abs(best.Score - face.Score) <= ScoreTolerance, $"{what} {face.Box}: score {face.Score:F4} vs partner {best.Score:F4}.");
        }
    }

    private static FaceDetection ToFaceDetection(ReferenceFace face, int width, int height)
    {
        var left = Math.Clamp((int)Math.Round(face.X), 0, width);
        var top = Math.Clamp((int)Math.Round(face.Y), 0, height);
        var right = Math.Clamp((int)Math.Round(face.X + face.Width), 0, width);
        var bottom = Math.Clamp((int)Math.Round(face.Y + face.Height), 0, height);
        return new FaceDetection(new PixelBox(left, top, right - left, bottom - top), (float)face.Score);
    }

    private static async Task<List<List<ReferenceFace>>> RunFaceApiAsync(string detector, double minScore, List<string> images)
    {
        var node = SystemTools.Require("node");
        string[] arguments =
        [
            Path.Combine(FaceApiPackageFixture.ReferenceDirectory, "detect.js"),
            "--detector", detector,
            "--min-score", minScore.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. images,
        ];
        var result = await ProcessRunner.RunAsync(node, arguments, FaceApiPackageFixture.ReferenceDirectory, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"detect.js failed ({result.ExitCode}): {result.StandardError}");
        var output = JsonSerializer.Deserialize<ReferenceOutput>(result.StandardOutput, JsonOptions)!;
        return [.. output.Results.Select(r => r.Detections)];
    }

    private sealed record ReferenceOutput(string Backend, List<ReferenceImage> Results);

    private sealed record ReferenceImage(string Image, List<ReferenceFace> Detections);

    private sealed record ReferenceFace(double X, double Y, double Width, double Height, double Score);
}
