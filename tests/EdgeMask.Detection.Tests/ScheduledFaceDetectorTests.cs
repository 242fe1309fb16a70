using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public class ScheduledFaceDetectorTests
{
    private const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    private static Mat Scene(params Point[] faces)
    {
        var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(110, 110, 110));
        using var photo = Cv2.ImRead(FacePhoto);
        Assert.False(photo.Empty(), $"{FacePhoto} is missing: install opencv-doc");
        using var face = photo.Resize(new Size(180, 180));
        foreach (var at in faces)
        {
            using var target = new Mat(canvas, new Rect(at.X, at.Y, 180, 180));
            face.CopyTo(target);
        }

        return canvas;
    }

    private static (DetectorHarness Harness, ScheduledFaceDetector Detector) Scheduled(int fullScanEvery)
    {
        var harness = DetectorHarness.Create(("FullScanEveryFrames", fullScanEvery.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return (harness, (ScheduledFaceDetector)harness.Detector);
    }

    [Fact]
    public void Detect_StillEmptyScene_SearchesOnlyOnFullScans()
    {
        var (harness, detector) = Scheduled(5);
        using var _ = harness;
        using var empty = Scene();

        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(detector.Detect(empty));
        }

        Assert.Equal(2, detector.FullScans);
        Assert.Equal(8, detector.SkippedStill);
    }

    [Fact]
    public void Detect_PersonStandingInView_FoundInWindowsBetweenFullScans()
    {
        var (harness, detector) = Scheduled(5);
        using var _ = harness;
        using var scene = Scene(new Point(100, 120));

        var first = Assert.Single(detector.Detect(scene));
        for (var i = 1; i < 10; i++)
        {
            var face = Assert.Single(detector.Detect(scene));
            Assert.True(face.Box.IntersectionOverUnion(first.Box) > 0.6, $"frame {i}: {face.Box} vs {first.Box}");
        }

        Assert.Equal(2, detector.FullScans);
        Assert.Equal(8, detector.RegionScans);
    }

    [Fact]
    public void Detect_SecondPersonEnters_FoundByTheNextFullScan()
    {
        var (harness, detector) = Scheduled(5);
        using var _ = harness;
        using var one = Scene(new Point(60, 120));
        using var two = Scene(new Point(60, 120), new Point(400, 150));

        Assert.Single(detector.Detect(one));
        var counts = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            counts.Add(detector.Detect(two).Count);
        }

        Assert.Equal(2, counts[^1]);
        Assert.Equal(1, counts[0]);
    }

    [Fact]
    public void Detect_KnownPersonLeaves_FullScanAtOnceFindsTheEmptyScene()
    {
        var (harness, detector) = Scheduled(5);
        using var _ = harness;
        using var person = Scene(new Point(100, 120));
        using var empty = Scene();

        Assert.Single(detector.Detect(person));
        Assert.Empty(detector.Detect(empty));

        Assert.Equal(2, detector.FullScans);
    }

    [Fact]
    public void Detect_MovingEmptyScene_IsSearchedEveryFrame()
    {
        var (harness, detector) = Scheduled(5);
        using var _ = harness;

        for (var i = 0; i < 6; i++)
        {
            using var frame = Scene();
            frame.SetTo(new Scalar(40 * i, 40 * i, 40 * i));
            Assert.Empty(detector.Detect(frame));
        }

        Assert.Equal(6, detector.FullScans);
        Assert.Equal(0, detector.SkippedStill);
    }

    [Fact]
    public void Detect_FullScanEveryFrame_NeverSchedules()
    {
        var (harness, detector) = Scheduled(1);
        using var _ = harness;
        using var scene = Scene(new Point(100, 120));

        for (var i = 0; i < 4; i++)
        {
            Assert.Single(detector.Detect(scene));
        }

        Assert.Equal(4, detector.FullScans);
        Assert.Equal(0, detector.RegionScans);
    }

    [Fact]
    public void Detect_DetectorWithoutWindowScans_ScansFullFramesWhileFacesAreInView()
    {
        // The learned detectors resize any input to a fixed size: a window costs them a whole frame.
        using var harness = DetectorHarness.Create(("FullScanEveryFrames", "5"));
        using var unscheduled = DetectorHarness.Create();
        var inner = new ScheduledFaceDetector(
            unscheduled.Detector,
            harness.Services.GetRequiredService<IOptionsMonitor<DetectionOptions>>(),
            scanRegions: false);
        using var scene = Scene(new Point(100, 120));

        for (var i = 0; i < 4; i++)
        {
            Assert.Single(inner.Detect(scene));
        }

        Assert.Equal(4, inner.FullScans);
        Assert.Equal(0, inner.RegionScans);
    }
}
