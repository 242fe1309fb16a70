using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Detection.YuNet;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests.YuNet;

public sealed class YuNetFaceDetectorTests
{
    private const string MessiPhoto = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";

    // Messi's face in opencv-doc's messi5.jpg (548x342) and its five points, located by eye on the photo (8x zoom).
    private static readonly PixelBox MessiFace = new(226, 94, 31, 38);
    private static readonly PixelPoint RightEye = new(240, 107);
    private static readonly PixelPoint LeftEye = new(252, 107);
    private static readonly PixelPoint NoseTip = new(249.5f, 114.5f);
    private static readonly PixelPoint RightMouthCorner = new(241.5f, 121.5f);
    private static readonly PixelPoint LeftMouthCorner = new(251, 121.5f);

    [Fact]
    public void Detect_MessiPhoto_PutsTheFiveLandmarksOnEyesNoseAndMouthCorners()
    {
        using var harness = DetectorHarness.Create(("DownscaleFactor", "1"), ("MinFaceSizePixels", "16"));
        using var photo = Load(MessiPhoto);

        var face = FaceNear(harness.Detector.Detect(photo), MessiFace);

        var landmarks = Assert.IsType<FaceLandmarks>(face.Landmarks);
        AssertNear(RightEye, landmarks.RightEye, 2.5);
        AssertNear(LeftEye, landmarks.LeftEye, 2.5);
        AssertNear(NoseTip, landmarks.NoseTip, 2.5);
        AssertNear(RightMouthCorner, landmarks.RightMouthCorner, 2.5);
        AssertNear(LeftMouthCorner, landmarks.LeftMouthCorner, 2.5);
        Assert.InRange(face.Score, 0.6f, 1f);
    }

    [Fact]
    public void Detect_HalfScale_FindsTheSameFaceAndPointsInFullResolutionPixels()
    {
        using var photo = Load(MessiPhoto);
        using var scaled = photo.Resize(new Size(), 2, 2, InterpolationFlags.Cubic);
        using var full = DetectorHarness.Create(("DownscaleFactor", "1"), ("MinFaceSizePixels", "16"));
        using var half = DetectorHarness.Create(("DownscaleFactor", "0.5"), ("MinFaceSizePixels", "16"));

        var fromFull = FaceNear(full.Detector.Detect(scaled), MessiFace.Scale(2));
        var fromHalf = FaceNear(half.Detector.Detect(scaled), MessiFace.Scale(2));

        Assert.True(fromFull.Box.IntersectionOverUnion(fromHalf.Box) > 0.8, $"{fromFull.Box} vs {fromHalf.Box}");
        AssertNear(fromFull.Landmarks!.Value.NoseTip, fromHalf.Landmarks!.Value.NoseTip, 4);
    }

    [Fact]
    public void Detect_BlankFrame_FindsNothing()
    {
        using var harness = DetectorHarness.Create();
        using var blank = new Mat(480, 640, MatType.CV_8UC3, new Scalar(120, 120, 120));

        Assert.Empty(harness.Detector.Detect(blank));
    }

    [Fact]
    public void Detect_OddSizedFrame_KeepsBoxesAndPointsInsideIt()
    {
        using var photo = Load(MessiPhoto);
        using var odd = new Mat(photo, new Rect(200, 80, 77, 61)).Clone();
        using var harness = DetectorHarness.Create(("DownscaleFactor", "1"), ("MinFaceSizePixels", "16"));

        var face = Assert.Single(harness.Detector.Detect(odd));

        Assert.Equal(face.Box, face.Box.Intersect(new PixelBox(0, 0, odd.Width, odd.Height)));
        Assert.All(face.Landmarks!.Value.ToArray(), p => Assert.True(p.X >= 0 && p.X <= odd.Width && p.Y >= 0 && p.Y <= odd.Height, $"{p} is outside the frame"));
    }

    [Fact]
    public void Detect_MinScoreRaisedInConfiguration_AppliesWithoutRestart()
    {
        using var photo = Load(MessiPhoto);
        using var harness = DetectorHarness.Create(("DownscaleFactor", "1"), ("MinFaceSizePixels", "16"));
        var detector = harness.Detector;
        FaceNear(detector.Detect(photo), MessiFace);

        harness.Reload("YuNet:MinScore", "0.99");

        Assert.DoesNotContain(detector.Detect(photo), f => f.Box.IntersectionOverUnion(MessiFace) > 0.5);
    }

    [Fact]
    public void Detect_InvalidLiveEdit_KeepsDetectingWithTheLastValidSettings()
    {
        using var photo = Load(MessiPhoto);
        using var harness = DetectorHarness.Create(("DownscaleFactor", "1"), ("MinFaceSizePixels", "16"));
        var detector = harness.Detector;

        harness.Reload("MinFaceSizePixels", "0");
        harness.Reload("YuNet:MinScore", "7");

        FaceNear(detector.Detect(photo), MessiFace);
    }

    [Fact]
    public void Create_TamperedModel_IsRefusedNamingBothChecksumsAndTheKey()
    {
        var directory = RepoPaths.NewTempDirectory("yunet");
        try
        {
            var path = Path.Combine(directory, "yunet_n_dynamic.onnx");
            var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, YuNetOptions.DefaultModelPath));
            bytes[^100] ^= 0x5A;
            File.WriteAllBytes(path, bytes);
            using var harness = DetectorHarness.Create(("YuNet:ModelPath", path));

            var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains(YuNetOptions.DefaultModelSha256, error.Message, StringComparison.Ordinal);
            Assert.Contains(ModelChecksum.Compute(path), error.Message, StringComparison.Ordinal);
            Assert.Contains("Detection:YuNet:ModelSha256", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Create_GarbageFileWithItsOwnChecksum_SaysOnnxRuntimeCannotLoadIt()
    {
        var directory = RepoPaths.NewTempDirectory("yunet");
        try
        {
            var path = Path.Combine(directory, "garbage.onnx");
            File.WriteAllText(path, "this is not an ONNX model");
            using var harness = DetectorHarness.Create(("YuNet:ModelPath", path), ("YuNet:ModelSha256", ModelChecksum.Compute(path)));

            var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot be loaded by ONNX Runtime", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Create_MissingModel_SaysItDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgemask-absent-{Guid.NewGuid():N}", "yunet.onnx");
        using var harness = DetectorHarness.Create(("YuNet:ModelPath", path));

        var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

        Assert.Contains($"'{path}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Create_FixedInputExport_IsRefusedNamingTheDynamicModel()
    {
        var shared = RepoPaths.Shared;
        Skip.If(shared is null, "../shared is absent (a fresh clone): the fixed-shape YuNet export lives only there.");
        var path = Path.Combine(shared!, "models", "yunet", "yunet_n_640_640.onnx");
        Skip.IfNot(File.Exists(path), $"{path} is absent.");
        using var harness = DetectorHarness.Create(("YuNet:ModelPath", path), ("YuNet:ModelSha256", ModelChecksum.Compute(path)));

        var error = Assert.Throws<FaceDetectorException>(() => harness.Detector);

        Assert.Contains("fixed 640x640 input", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("YuNet:ModelSha256", "abc", "Detection:YuNet:ModelSha256 must be 64 hexadecimal digits")]
    [InlineData("YuNet:MinScore", "1.5", "MinScore")]
    [InlineData("YuNet:NmsIouThreshold", "0", "NmsIouThreshold")]
    public async Task HostStart_InvalidYuNetSetting_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => DetectorHarness.StartHostAsync((key, value)));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    private static Mat Load(string path)
    {
        var image = Cv2.ImRead(path);
        Assert.False(image.Empty(), $"{path} is missing: install opencv-doc");
        return image;
    }

    private static FaceDetection FaceNear(IReadOnlyList<FaceDetection> faces, PixelBox expected)
    {
        var best = faces.MaxBy(f => f.Box.IntersectionOverUnion(expected));
        Assert.True(best is not null && best.Box.IntersectionOverUnion(expected) > 0.5, $"no face near {expected} in [{string.Join(", ", faces.Select(f => f.Box))}]");
        return best!;
    }

    private static void AssertNear(PixelPoint expected, PixelPoint actual, double tolerance)
    {
        var distance = Math.Sqrt(Math.Pow(expected.X - actual.X, 2) + Math.Pow(expected.Y - actual.Y, 2));
        Assert.True(distance <= tolerance, $"{actual} is {distance:0.0} px from {expected}");
    }
}
