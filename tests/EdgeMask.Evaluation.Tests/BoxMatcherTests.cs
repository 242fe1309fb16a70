using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Tests;

public class BoxMatcherTests
{
    [Fact]
    public void Match_OverlapAtThreshold_CountsAsFound()
    {
        // Truth 100x100 at origin; prediction shifted right by 33.33 px: IoU = 66.67*100 / (2*10000 - 6667) = 0.5
        var truths = new[] { new PixelBox(0, 0, 100, 100) };
        var predictions = new[] { new ScoredBox(new PixelBox(33, 0, 100, 100), 1f) };

        var matching = BoxMatcher.Match(truths, predictions);

        // 67*100 / (20000 - 6700) = 0.5038
        Assert.Equal(0, matching.TruthToPrediction[0]);
        Assert.Equal(1, matching.Matched);
    }

    [Fact]
    public void Match_OverlapBelowThreshold_IsAMissAndAFalseDetection()
    {
        var truths = new[] { new PixelBox(0, 0, 100, 100) };
        var predictions = new[] { new ScoredBox(new PixelBox(40, 0, 100, 100), 1f) }; // IoU = 6000/14000 = 0.43

        var matching = BoxMatcher.Match(truths, predictions);

        Assert.Equal(-1, matching.TruthToPrediction[0]);
        Assert.Equal(-1, matching.PredictionToTruth[0]);
    }

    [Fact]
    public void Match_TwoDetectionsOfOneFace_OnlyTheHigherScoreMatches()
    {
        var truths = new[] { new PixelBox(0, 0, 100, 100) };
        var predictions = new[]
        {
            new ScoredBox(new PixelBox(2, 2, 100, 100), 0.6f),
            new ScoredBox(new PixelBox(10, 10, 100, 100), 0.9f),
        };

        var matching = BoxMatcher.Match(truths, predictions);

        Assert.Equal(1, matching.TruthToPrediction[0]);
        Assert.Equal(-1, matching.PredictionToTruth[0]);
    }

    [Fact]
    public void Match_PredictionBetweenTwoFaces_TakesTheOneItOverlapsMost()
    {
        var truths = new[] { new PixelBox(0, 0, 100, 100), new PixelBox(60, 0, 100, 100) };
        var predictions = new[] { new ScoredBox(new PixelBox(50, 0, 100, 100), 1f), new ScoredBox(new PixelBox(0, 0, 100, 100), 0.5f) };

        var matching = BoxMatcher.Match(truths, predictions);

        Assert.Equal(new[] { 1, 0 }, matching.TruthToPrediction);
    }
}
