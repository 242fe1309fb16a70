using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene.Verdicts;

namespace EdgeMask.Core.Tests.Scene.Verdicts;

public class VerdictWindowTests
{
    private const int N = 10;
    private const int K = 6;

    [Fact]
    public void Add_FewFrames_IsUncertainUntilKConfidentVotes()
    {
        var window = new VerdictWindow();
        var verdicts = new List<MaskStatus>();
        for (var i = 0; i < 8; i++)
        {
            window.Add(MaskStatus.Mask, 0.9, N, K);
            verdicts.Add(window.Verdict);
        }

        // 0.9 per frame: 5.4 votes after 6 frames, 6.3 after 7.
        Assert.Equal(6, verdicts.Count(v => v == MaskStatus.Uncertain));
        Assert.Equal(MaskStatus.Mask, verdicts[^1]);
        Assert.Equal(0.9, window.Confidence, 9);
    }

    [Fact]
    public void Add_BareFaceSplitBetweenNoMaskAndBelowNose_DecidesNotMaskedByPooledVotes()
    {
        var window = new VerdictWindow();

        // Neither class alone reaches K votes in the window, together they do.
        for (var i = 0; i < N; i++)
        {
            window.Add(i % 3 == 0 ? MaskStatus.WornIncorrectly : MaskStatus.NoMask, 0.9, N, K);
        }

        Assert.Equal(MaskStatus.NoMask, window.Verdict);
        Assert.Equal(0.9, window.Confidence, 6);
    }

    [Fact]
    public void Add_AlternatingNoisyPredictions_NeverFlickers()
    {
        var window = new VerdictWindow();
        var verdicts = new List<MaskStatus>();
        for (var i = 0; i < 100; i++)
        {
            window.Add(i % 2 == 0 ? MaskStatus.Mask : MaskStatus.NoMask, 0.9, N, K);
            verdicts.Add(window.Verdict);
        }

        Assert.All(verdicts, v => Assert.Equal(MaskStatus.Uncertain, v));
        Assert.InRange(window.Confidence, 0.4, 0.5);
    }

    [Fact]
    public void Add_DecidedVerdictThenAlternatingPredictions_HoldsTheVerdictWithoutFlicker()
    {
        var window = new VerdictWindow();
        for (var i = 0; i < N; i++)
        {
            window.Add(MaskStatus.Mask, 0.95, N, K);
        }

        var verdicts = new List<MaskStatus>();
        for (var i = 0; i < 100; i++)
        {
            window.Add(i % 2 == 0 ? MaskStatus.NoMask : MaskStatus.Mask, 0.95, N, K);
            verdicts.Add(window.Verdict);
        }

        Assert.All(verdicts, v => Assert.Equal(MaskStatus.Mask, v));
    }

    [Fact]
    public void Add_RandomNoiseAroundAStableClass_ChangesVerdictAtMostOnce()
    {
        var random = new Random(11);
        var window = new VerdictWindow();
        var changes = 0;
        var previous = MaskStatus.Uncertain;
        for (var i = 0; i < 500; i++)
        {
            // The classifier is right 75% of the time; errors are spread over the other answers.
            var status = random.NextDouble() < 0.75
                ? MaskStatus.NoMask
                : (MaskStatus)random.Next(0, 4);
            window.Add(status, 0.6 + (0.4 * random.NextDouble()), N, K);
            if (window.Verdict != previous)
            {
                changes++;
                previous = window.Verdict;
            }
        }

        Assert.Equal(1, changes);
        Assert.Equal(MaskStatus.NoMask, window.Verdict);
    }

    [Fact]
    public void Add_SustainedChange_SwitchesOnceWhenTheNewClassReachesK()
    {
        var window = new VerdictWindow();
        for (var i = 0; i < N; i++)
        {
            window.Add(MaskStatus.Mask, 1.0, N, K);
        }

        var verdicts = new List<MaskStatus>();
        for (var i = 0; i < N; i++)
        {
            window.Add(MaskStatus.NoMask, 1.0, N, K);
            verdicts.Add(window.Verdict);
        }

        Assert.Equal([.. Enumerable.Repeat(MaskStatus.Mask, 5), .. Enumerable.Repeat(MaskStatus.NoMask, 5)], verdicts);
        Assert.Equal(MaskStatus.NoMask, window.LastDecided);
    }

    [Fact]
    public void Add_LowConfidencePredictions_NeverReachAVerdict()
    {
        var window = new VerdictWindow();
        for (var i = 0; i < 50; i++)
        {
            // Ten frames at 0.55 give 5.5 votes, short of k = 6.
            window.Add(MaskStatus.NoMask, 0.55, N, K);
        }

        Assert.Equal(MaskStatus.Uncertain, window.Verdict);
        Assert.Equal(MaskStatus.Uncertain, window.LastDecided);
    }

    [Fact]
    public void Add_UncertainFramesFillTheWindow_ReleasesTheVerdictBelowHalfOfK()
    {
        var window = new VerdictWindow();
        for (var i = 0; i < N; i++)
        {
            window.Add(MaskStatus.Mask, 1.0, N, K);
        }

        var verdicts = new List<MaskStatus>();
        for (var i = 0; i < N; i++)
        {
            window.Add(MaskStatus.Uncertain, 0.4, N, K);
            verdicts.Add(window.Verdict);
        }

        // Mask votes fall 9, 8, ... ; the verdict holds while they are at least k / 2 = 3.
        Assert.Equal(7, verdicts.Count(v => v == MaskStatus.Mask));
        Assert.Equal(MaskStatus.Uncertain, verdicts[^1]);
        Assert.Equal(MaskStatus.Mask, window.LastDecided);
    }
}
