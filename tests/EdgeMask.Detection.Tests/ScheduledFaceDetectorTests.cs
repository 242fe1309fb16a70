using EdgeMask.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public class ScheduledFaceDetectorTests
{
    private const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    private static Mat Scene(params Point[] faces) => Scene(180, faces);

    private static Mat Scene(int faceSize, params Point[] faces)
    {
        var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(110, 110, 110));
        using var photo = Cv2.ImRead(FacePhoto);
        Assert.False(photo.Empty(), $"{FacePhoto} is missing: install opencv-doc");
        using var face = photo.Resize(new Size(faceSize, faceSize));
        foreach (var at in faces)
        {
            using var target = new Mat(canvas, new Rect(at.X, at.Y, faceSize, faceSize));
            face.CopyTo(target);
        }

        return canvas;
    }

    private static (DetectorHarness Harness, ScheduledFaceDetector Detector) Scheduled(string kind, int fullScanEvery, params (string Key, string? Value)[] more)
    {
        var settings = more.Prepend(("FullScanEveryFrames", fullScanEvery.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var harness = DetectorHarness.Create([("Detector", kind), .. settings]);
        return (harness, (ScheduledFaceDetector)harness.Detector);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_StillEmptyScene_IsSearchedOnlyOnce(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        using var empty = Scene();

        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(detector.Detect(empty));
        }

        Assert.Equal(1, detector.FullScans);
        Assert.Equal(9, detector.NotSearchedFrames);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_StillScene_GetsAWholeFrameScanEveryFullScanAtLeastEveryFrames(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5, ("FullScanAtLeastEveryFrames", "6"));
        using var _ = harness;
        using var empty = Scene();

        for (var i = 0; i < 12; i++)
        {
            detector.Detect(empty);
        }

        Assert.Equal(2, detector.FullScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_PersonStandingInView_FollowedInWindowsWithoutFullScans(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        using var scene = Scene(new Point(100, 120));

        var first = Assert.Single(detector.Detect(scene));
        for (var i = 1; i < 10; i++)
        {
            var face = Assert.Single(detector.Detect(scene));
            Assert.True(face.Box.IntersectionOverUnion(first.Box) > 0.6, $"frame {i}: {face.Box} vs {first.Box}");
        }

        Assert.Equal(1, detector.FullScans);
        Assert.Equal(9, detector.RegionScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_PersonWalkingTowardsTheCamera_IsFollowedAsTheFaceGrows(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        var widths = new List<int>();
        var size = 150.0;
        for (var i = 0; i < 8; i++, size *= 1.1)
        {
            using var frame = Scene((int)size, new Point(100, 60));
            widths.Add(Assert.Single(detector.Detect(frame)).Box.Width);
        }

        // The photo is a portrait: its face is about 40 % of its width, and grows with it.
        Assert.True(widths[^1] > widths[0] * 1.5, string.Join(", ", widths));
        Assert.Equal(1, detector.FullScans);
        Assert.Equal(7, detector.RegionScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_PersonWalkingAcross_IsFollowedAtAThirdOfAFaceWidthPerFrame(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        var first = 0;
        for (var i = 0; i < 8; i++)
        {
            using var frame = Scene(new Point(40 + (24 * i), 120));
            var face = Assert.Single(detector.Detect(frame));
            first = i == 0 ? face.Box.X : first;
            Assert.InRange(face.Box.X - first, (24 * i) - 12, (24 * i) + 12);
        }

        // The photo's face is about 70 px wide here: 24 px per frame is a third of it, a brisk walk at 15 fps.
        Assert.Equal(1, detector.FullScans);
        Assert.Equal(7, detector.RegionScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_SecondPersonEnters_FoundByTheNextLookAtWhatChanged(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        using var one = Scene(new Point(60, 120));
        using var two = Scene(new Point(60, 120), new Point(400, 150));

        Assert.Single(detector.Detect(one));
        var counts = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            counts.Add(detector.Detect(two).Count);
        }

        Assert.Equal(1, counts[0]);
        Assert.Equal(2, counts[^1]);
        Assert.Equal(1, detector.FullScans);
        Assert.Equal(1, detector.ChangedAreaScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_PersonEntersEmptyScene_FoundBySearchingOnlyWhereItChanged(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        using var empty = Scene();
        using var person = Scene(new Point(420, 200));

        Assert.Empty(detector.Detect(empty));
        Assert.Empty(detector.Detect(empty));
        var counts = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            counts.Add(detector.Detect(person).Count);
        }

        Assert.Contains(1, counts);
        Assert.Equal(1, counts[^1]);
        Assert.Equal(1, detector.FullScans);
        Assert.Equal(1, detector.ChangedAreaScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_KnownPersonLeaves_FullScanAtOnceFindsTheEmptyScene(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;
        using var person = Scene(new Point(100, 120));
        using var empty = Scene();

        Assert.Single(detector.Detect(person));
        Assert.Empty(detector.Detect(empty));

        Assert.Equal(2, detector.FullScans);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_SceneChangingEverywhere_IsScannedWholeAtEveryLook(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5);
        using var _ = harness;

        for (var i = 0; i < 10; i++)
        {
            using var frame = Scene();
            frame.SetTo(new Scalar(20 * i, 20 * i, 20 * i));
            Assert.Empty(detector.Detect(frame));
        }

        Assert.Equal(2, detector.FullScans);
        Assert.Equal(8, detector.NotSearchedFrames);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_MotionTestOff_EveryLookIsAWholeFrameScan(string kind)
    {
        var (harness, detector) = Scheduled(kind, 5, ("MotionThreshold", "0"));
        using var _ = harness;
        using var empty = Scene();

        for (var i = 0; i < 10; i++)
        {
            detector.Detect(empty);
        }

        Assert.Equal(2, detector.FullScans);
        Assert.Equal(0, detector.ChangedAreaScans);
    }

    [Fact]
    public async Task Start_FullScanAtLeastEveryFramesBelowFullScanEveryFrames_IsRejectedNamingBothKeys()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            DetectorHarness.StartHaarHostAsync(("FullScanEveryFrames", "10"), ("FullScanAtLeastEveryFrames", "5")));

        Assert.Contains("Detection:FullScanAtLeastEveryFrames (5) must be at least Detection:FullScanEveryFrames (10)", error.Message);
    }

    [Theory]
    [InlineData("yunet")]
    [InlineData("haar")]
    public void Detect_FullScanEveryFrame_NeverSchedules(string kind)
    {
        var (harness, detector) = Scheduled(kind, 1);
        using var _ = harness;
        using var scene = Scene(new Point(100, 120));

        for (var i = 0; i < 4; i++)
        {
            Assert.Single(detector.Detect(scene));
        }

        Assert.Equal(4, detector.FullScans);
        Assert.Equal(0, detector.RegionScans);
    }
}
