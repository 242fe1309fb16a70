using EdgeMask.Core.Geometry;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

/// <summary>Real OpenCV, real cascades, real masked faces from the shared crop set.</summary>
public sealed class EyePairFallbackTests
{
    private const int CropsTried = 60;
    private const int FaceWidth = 150;

    [SkippableFact]
    public void Detect_MaskedCrops_EyePairFallbackFindsFacesTheFrontalCascadeMisses()
    {
        var crops = RepoPaths.RequireMaskCrops();
        var files = Directory.EnumerateFiles(Path.Combine(crops, "with_mask"), "*.jpg").Order(StringComparer.Ordinal).Take(CropsTried).ToArray();
        using var cascadeOnly = DetectorHarness.CreateHaar(("DownscaleFactor", "1"), ("MinFaceSizePixels", "24"));
        using var withEyes = DetectorHarness.CreateHaar(("DownscaleFactor", "1"), ("MinFaceSizePixels", "24"), ("EyePairFallback", "true"));

        var foundByCascade = 0;
        var foundWithEyes = 0;
        foreach (var file in files)
        {
            using var scene = PasteOnGray(file, out var face);
            var cascadeHit = cascadeOnly.Detector.Detect(scene).Any(d => d.Box.IntersectionOverUnion(face) >= 0.5);
            var eyesHit = withEyes.Detector.Detect(scene).Any(d => d.Box.IntersectionOverUnion(face) >= 0.5);
            Assert.False(cascadeHit && !eyesHit, $"{Path.GetFileName(file)}: the fallback must keep every face the cascade finds");
            foundByCascade += cascadeHit ? 1 : 0;
            foundWithEyes += eyesHit ? 1 : 0;
        }

        Assert.True(foundWithEyes > foundByCascade, $"of {files.Length} masked crops the cascade found {foundByCascade}, with the eye-pair fallback {foundWithEyes}");
    }

    [Fact]
    public void Detect_BlankFrameWithEyePairFallback_ReturnsNoFaces()
    {
        using var harness = DetectorHarness.CreateHaar(("EyePairFallback", "true"));
        using var frame = new Mat(new Size(640, 480), MatType.CV_8UC3, new Scalar(90, 120, 150));

        Assert.Empty(harness.Detector.Detect(frame));
    }

    private static Mat PasteOnGray(string cropFile, out PixelBox face)
    {
        using var crop = Cv2.ImRead(cropFile);
        var height = (int)Math.Round(FaceWidth * (double)crop.Height / crop.Width);
        var scene = new Mat(new Size(480, 480), MatType.CV_8UC3, Scalar.All(128));
        face = new PixelBox(160, 240 - (height / 2), FaceWidth, height);
        using var resized = crop.Resize(new Size(face.Width, face.Height));
        using var target = new Mat(scene, new Rect(face.X, face.Y, face.Width, face.Height));
        resized.CopyTo(target);
        return scene;
    }
}
