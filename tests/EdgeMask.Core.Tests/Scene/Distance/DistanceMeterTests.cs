using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Core.Scene.Distance;

namespace EdgeMask.Core.Tests.Scene.Distance;

/// <summary>Synthetic geometry: faces rendered (to whole pixels) from known 3D positions and a known focal length.</summary>
public class DistanceMeterTests
{
    private const int Width = SceneHarness.FrameWidth;
    private const int Height = SceneHarness.FrameHeight;

    public static TheoryData<double, double, double, double, double, double, double> Configurations => new()
    {
        // focal px, person A (x, y, z) m, person B (x, y, z) m
        { 1000, -0.5, 0.0, 2.0, 0.5, 0.0, 2.0 },     // side by side, 1 m apart
        { 1000, 0.0, 0.0, 2.0, 0.3, 0.0, 3.2 },      // one behind the other
        { 1000, -1.2, 0.1, 3.0, 0.8, -0.1, 2.5 },    // lateral, vertical and depth offsets
        { 700, 0.4, 0.2, 1.5, -0.4, 0.0, 1.8 },      // wide lens, close to the camera
        { 1800, -0.6, 0.0, 4.5, 0.6, 0.05, 5.5 },    // long lens, far away (faces ~50 px wide)
        { 1000, 1.0, 0.0, 2.2, 1.9, 0.0, 2.6 },      // both off to one side
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Measure_MetricMode_RecoversTheTrueDistanceWithinFivePercent(
        double focal, double ax, double ay, double az, double bx, double by, double bz)
    {
        var a = new Point3(ax, ay, az);
        var b = new Point3(bx, by, bz);
        var options = new SceneOptions { FocalLengthPixels = focal };

        var measured = DistanceMeter.Measure([(1, Render(a, focal)), (2, Render(b, focal))], Width, Height, options);

        var truth = a.DistanceTo(b);
        var pair = Assert.Single(measured.Pairs);
        Assert.InRange(pair.Distance, truth * 0.95, truth * 1.05);
        Assert.Equal("m", measured.Unit);
        Assert.InRange(measured.PositionsMeters[1].Z, az * 0.95, az * 1.05);
        Assert.InRange(measured.PositionsMeters[2].Z, bz * 0.95, bz * 1.05);
    }

    [Fact]
    public void Measure_FieldOfViewOnly_DerivesTheFocalLengthFromIt()
    {
        var focal = PinholeCamera.FocalLengthFromFieldOfView(62.2, Width);
        var a = new Point3(-0.7, 0, 2.5);
        var b = new Point3(0.6, 0.1, 3.0);
        var options = new SceneOptions { HorizontalFieldOfViewDegrees = 62.2 };

        var measured = DistanceMeter.Measure([(1, Render(a, focal)), (2, Render(b, focal))], Width, Height, options);

        var truth = a.DistanceTo(b);
        Assert.InRange(Assert.Single(measured.Pairs).Distance, truth * 0.95, truth * 1.05);
    }

    [Fact]
    public void Measure_CalibratedFocalLength_WinsOverTheFieldOfView()
    {
        var a = new Point3(-0.5, 0, 2);
        var b = new Point3(0.5, 0, 2);
        var options = new SceneOptions { HorizontalFieldOfViewDegrees = 100, FocalLengthPixels = 1000 };

        var measured = DistanceMeter.Measure([(1, Render(a, 1000)), (2, Render(b, 1000))], Width, Height, options);

        Assert.InRange(Assert.Single(measured.Pairs).Distance, 0.95, 1.05);
    }

    [Fact]
    public void Measure_ThreePeople_GivesEveryPairOnce()
    {
        var options = new SceneOptions { FocalLengthPixels = 1000 };
        var people = new[] { (3, Render(new(0, 0, 2), 1000)), (1, Render(new(1, 0, 2), 1000)), (2, Render(new(-1, 0, 2), 1000)) };

        var measured = DistanceMeter.Measure(people, Width, Height, options);

        Assert.Equal(
            [(1, 3), (2, 3), (1, 2)],
            measured.Pairs.Select(p => (p.FirstTrackId, p.SecondTrackId)));
        Assert.InRange(measured.Pairs.Single(p => p is { FirstTrackId: 1, SecondTrackId: 2 }).Distance, 1.9, 2.1);
    }

    [Fact]
    public void Measure_PixelMode_IsTheDistanceBetweenBoxCentresInPixels()
    {
        var options = new SceneOptions { DistanceMode = DistanceMode.Pixels };

        // Centres (100, 100) and (400, 500): 300 and 400 px apart, so 500 px.
        var measured = DistanceMeter.Measure([(1, new PixelBox(80, 80, 40, 40)), (2, new PixelBox(350, 450, 100, 100))], Width, Height, options);

        Assert.Equal(500, Assert.Single(measured.Pairs).Distance, 9);
        Assert.Equal("px", measured.Unit);
        Assert.Empty(measured.PositionsMeters);
    }

    private static PixelBox Render(Point3 p, double focal)
    {
        var width = focal * 0.15 / p.Z;
        var cx = (Width / 2.0) + (p.X * focal / p.Z);
        var cy = (Height / 2.0) + (p.Y * focal / p.Z);
        return new PixelBox((int)Math.Round(cx - (width / 2)), (int)Math.Round(cy - (width / 2)), (int)Math.Round(width), (int)Math.Round(width));
    }
}
