using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public sealed class HaarFaceDetectorTests
{
    // Messi's face in opencv-doc's messi5.jpg (548x342), located by eye on the photo.
    private static readonly PixelBox MessiFace = new(226, 94, 37, 37);

    // The same face in the photo upscaled 2x, so that it stays findable at DownscaleFactor 0.5.
    private static readonly PixelBox MessiFaceAt2x = MessiFace.Scale(2);

    [Fact]
    public void Detect_MessiPhotoAtFullResolution_FindsHisFace()
    {
        using var harness = DetectorHarness.CreateHaar(("DownscaleFactor", "1"), ("MinFaceSizePixels", "24"));
        using var photo = LoadMessi();

        var faces = harness.Detector.Detect(photo);

        Assert.Contains(faces, face => face.Box.IntersectionOverUnion(MessiFace) >= 0.5);
        Assert.All(faces, face => Assert.Equal(1f, face.Score));
    }

    [Fact]
    public void Detect_BlankFrame_ReturnsNoFaces()
    {
        using var harness = DetectorHarness.CreateHaar();
        using var frame = new Mat(new Size(640, 480), MatType.CV_8UC3, new Scalar(90, 120, 150));

        Assert.Empty(harness.Detector.Detect(frame));
    }

    [Fact]
    public void Detect_DownscaledAndFullResolution_FindTheSameFaceInFullResolutionPixels()
    {
        using var photo = LoadMessiAt2x();
        using var full = DetectorHarness.CreateHaar(("DownscaleFactor", "1"), ("MinFaceSizePixels", "48"));
        using var half = DetectorHarness.CreateHaar(("DownscaleFactor", "0.5"), ("MinFaceSizePixels", "48"));

        var fromFull = FaceNear(full.Detector.Detect(photo), MessiFaceAt2x);
        var fromHalf = FaceNear(half.Detector.Detect(photo), MessiFaceAt2x);

        Assert.True(fromHalf.IntersectionOverUnion(fromFull) >= 0.7, $"full {fromFull} vs downscaled {fromHalf}");
        Assert.InRange(fromHalf.Width, fromFull.Width * 0.8, fromFull.Width * 1.25);
    }

    [Fact]
    public void Detect_MaxFaceSizeBelowTheFace_ExcludesIt()
    {
        using var photo = LoadMessiAt2x();
        using var unlimited = DetectorHarness.CreateHaar(("MinFaceSizePixels", "48"), ("MaxFaceSizePixels", "0"));
        using var limited = DetectorHarness.CreateHaar(("MinFaceSizePixels", "48"), ("MaxFaceSizePixels", "60"));

        var all = unlimited.Detector.Detect(photo);
        var small = limited.Detector.Detect(photo);

        FaceNear(all, MessiFaceAt2x);
        Assert.DoesNotContain(small, face => face.Box.IntersectionOverUnion(MessiFaceAt2x) >= 0.5);
        Assert.All(small, face => Assert.True(face.Box.Width <= 60, $"{face.Box} is wider than the 60 px maximum"));
    }

    [Fact]
    public void Detect_MinFaceSizeAboveTheFace_ExcludesIt()
    {
        using var photo = LoadMessiAt2x();
        using var harness = DetectorHarness.CreateHaar(("MinFaceSizePixels", "100"));

        var faces = harness.Detector.Detect(photo);

        Assert.DoesNotContain(faces, face => face.Box.IntersectionOverUnion(MessiFaceAt2x) >= 0.5);
        Assert.All(faces, face => Assert.True(face.Box.Width >= 100, $"{face.Box} is narrower than the 100 px minimum"));
    }

    [Fact]
    public void Detect_MaxFaceSizeChangedInConfiguration_AppliesWithoutRestart()
    {
        using var photo = LoadMessiAt2x();
        using var harness = DetectorHarness.CreateHaar(("MinFaceSizePixels", "48"), ("MaxFaceSizePixels", "60"));
        var detector = harness.Detector;

        var before = detector.Detect(photo);
        harness.Reload("MaxFaceSizePixels", "0");
        var after = detector.Detect(photo);

        Assert.DoesNotContain(before, face => face.Box.IntersectionOverUnion(MessiFaceAt2x) >= 0.5);
        FaceNear(after, MessiFaceAt2x);
    }

    [Fact]
    public void Detect_FramesOfChangingSize_GiveTheSameAnswersAsFirstTime()
    {
        using var harness = DetectorHarness.CreateHaar(("DownscaleFactor", "0.5"), ("MinFaceSizePixels", "48"));
        using var large = LoadMessiAt2x();
        using var small = new Mat(new Size(320, 240), MatType.CV_8UC3, Scalar.All(30));

        var first = harness.Detector.Detect(large).Select(f => f.Box).ToArray();
        var blank = harness.Detector.Detect(small);
        var again = harness.Detector.Detect(large).Select(f => f.Box).ToArray();

        Assert.Empty(blank);
        Assert.NotEmpty(first);
        // OpenCV's parallel scan returns the same boxes in any order.
        Assert.Equal(first.OrderBy(b => (b.X, b.Y, b.Width)), again.OrderBy(b => (b.X, b.Y, b.Width)));
    }

    [Fact]
    public void Detect_GrayscaleFrame_FindsTheSameFacesAsBgr()
    {
        using var harness = DetectorHarness.CreateHaar(("DownscaleFactor", "0.5"), ("MinFaceSizePixels", "48"));
        using var photo = LoadMessiAt2x();
        using var gray = photo.CvtColor(ColorConversionCodes.BGR2GRAY);

        Assert.Equal(Sorted(harness.Detector.Detect(photo)), Sorted(harness.Detector.Detect(gray)));
    }

    [Fact]
    public void Detect_BoxesFromAnOddSizedFrame_StayInsideTheFrame()
    {
        using var harness = DetectorHarness.CreateHaar(("DownscaleFactor", "0.37"), ("MinFaceSizePixels", "64"));
        using var photo = LoadMessiAt2x();
        using var odd = new Mat(photo, new Rect(101, 33, 777, 555));

        var faces = harness.Detector.Detect(odd);

        Assert.All(faces, face => Assert.Equal(face.Box, face.Box.Intersect(new PixelBox(0, 0, 777, 555))));
    }

    [Fact]
    public void Detect_EmptyFrame_Throws()
    {
        using var harness = DetectorHarness.CreateHaar();
        using var empty = new Mat();

        Assert.Throws<ArgumentException>(() => harness.Detector.Detect(empty));
    }

    private static Mat LoadMessi()
    {
        var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, "messi5.jpg"));
        Assert.False(photo.Empty(), "messi5.jpg from Debian's opencv-doc package is needed (./build.sh setup installs it)");
        return photo;
    }

    private static Mat LoadMessiAt2x()
    {
        using var photo = LoadMessi();
        return photo.Resize(new Size(photo.Width * 2, photo.Height * 2), 0, 0, InterpolationFlags.Cubic);
    }

    private static PixelBox FaceNear(IReadOnlyList<Core.Faces.FaceDetection> faces, PixelBox expected)
    {
        var best = faces.Select(f => f.Box).OrderByDescending(box => box.IntersectionOverUnion(expected)).FirstOrDefault();
        Assert.True(best.IntersectionOverUnion(expected) >= 0.5, $"no face near {expected}; found {string.Join(" ", faces.Select(f => f.Box))}");
        return best;
    }

    private static FaceDetection[] Sorted(IEnumerable<FaceDetection> faces) =>
        faces.OrderBy(f => f.Box.X).ThenBy(f => f.Box.Y).ThenBy(f => f.Box.Width).ToArray();
}
