using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public sealed class BoxMergerTests
{
    private static readonly Rect A = new(0, 0, 10, 10);

    // Shifted by half its width: intersection 5x10 = 50, union 100 + 100 - 50 = 150, IoU 1/3.
    private static readonly Rect HalfShifted = new(5, 0, 10, 10);

    private static readonly Rect FarAway = new(100, 100, 10, 10);

    [Fact]
    public void IntersectionOverUnion_HalfShiftedSquare_IsOneThird()
    {
        Assert.Equal(1.0 / 3, BoxMerger.IntersectionOverUnion(A, HalfShifted), 10);
        Assert.Equal(0, BoxMerger.IntersectionOverUnion(A, FarAway));
        Assert.Equal(1, BoxMerger.IntersectionOverUnion(A, A));
    }

    [Fact]
    public void Merge_LaterBoxOverlappingAboveThreshold_IsDropped()
    {
        var merged = BoxMerger.Merge([[A], [HalfShifted, FarAway]], iouThreshold: 0.3);

        Assert.Equal([A, FarAway], merged);
    }

    [Fact]
    public void Merge_LaterBoxOverlappingBelowThreshold_IsKept()
    {
        var merged = BoxMerger.Merge([[A], [HalfShifted, FarAway]], iouThreshold: 0.4);

        Assert.Equal([A, HalfShifted, FarAway], merged);
    }

    [Fact]
    public void Merge_SameFaceFromTwoSources_KeepsTheEarlierSourcesBox()
    {
        var merged = BoxMerger.Merge([[HalfShifted], [A]], iouThreshold: 0.3);

        Assert.Equal([HalfShifted], merged);
    }

    [Fact]
    public void Merge_OverlappingBoxesOfOneSource_AreLeftAsTheCascadeGaveThem()
    {
        var merged = BoxMerger.Merge([[A, HalfShifted]], iouThreshold: 0.1);

        Assert.Equal([A, HalfShifted], merged);
    }

    [Fact]
    public void Merge_ThirdSource_IsComparedWithTheBoxesOfBothEarlierSources()
    {
        var nearFar = new Rect(101, 100, 10, 10);

        var merged = BoxMerger.Merge([[A], [FarAway], [HalfShifted, nearFar]], iouThreshold: 0.3);

        Assert.Equal([A, FarAway], merged);
    }
}
