using OpenCvSharp;

namespace EdgeMask.Detection.Tests;

public sealed class EyePairFaceEstimatorTests
{
    [Fact]
    public void FacesFromEyes_LevelPair_GivesTheFaceAroundThem()
    {
        // Eye centres (50, 50) and (90, 50): 40 px apart -> face side 40 / 0.4 = 100, centred at x 70 -> left 20;
        // eyes 0.38 x 100 = 38 px below the top -> top 12.
        Rect[] eyes = [new(80, 40, 20, 20), new(40, 40, 20, 20)];

        var faces = EyePairFaceEstimator.FacesFromEyes(eyes);

        Assert.Equal([new Rect(20, 12, 100, 100)], faces);
    }

    [Theory]
    [InlineData(40, 40, 20, 80, 40, 40)] // one eye twice the size of the other
    [InlineData(40, 40, 20, 80, 60, 20)] // 20 px lower: a full eye width
    [InlineData(40, 40, 20, 55, 40, 20)] // 15 px apart: overlapping, not two eyes
    [InlineData(40, 40, 20, 120, 40, 20)] // 80 px apart: four eye widths
    public void FacesFromEyes_ImplausiblePair_GivesNoFace(int x1, int y1, int size1, int x2, int y2, int size2)
    {
        Assert.Empty(EyePairFaceEstimator.FacesFromEyes([new(x1, y1, size1, size1), new(x2, y2, size2, size2)]));
    }

    [Fact]
    public void FacesFromEyes_ThreeEyesInARow_PairsTheClosestTwoOnce()
    {
        Rect[] eyes = [new(40, 40, 20, 20), new(75, 40, 20, 20), new(130, 40, 20, 20)];

        var faces = EyePairFaceEstimator.FacesFromEyes(eyes);

        // (50,50)-(85,50): 35 px apart, side 87.5 -> 88, centre 67.5 -> left round(23.75) = 24, top round(50 - 33.25) = 17.
        Assert.Equal([new Rect(24, 17, 88, 88)], faces);
    }
}
