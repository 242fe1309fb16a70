using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene.Summaries;

namespace EdgeMask.Core.Tests.Scene.Summaries;

public class PeriodSummarizerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset TenPast = new(2025, 3, 1, 12, 10, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_FirstFrame_OpensThePeriodAlignedToTheHour()
    {
        var summarizer = new PeriodSummarizer();

        Assert.Null(summarizer.Advance(TenPast, Hour, wornIncorrectlyIsViolation: true));
        summarizer.RecordPerson(1, MaskStatus.Mask);
        var summary = summarizer.Advance(TenPast.AddMinutes(50), Hour, wornIncorrectlyIsViolation: true);

        Assert.NotNull(summary);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), summary.From);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), summary.To);
        Assert.Equal(1, summary.PeopleSeen);
    }

    [Fact]
    public void Advance_AfterThePeriod_CountsPeopleByLastDecidedVerdictAndViolations()
    {
        var summarizer = new PeriodSummarizer();
        summarizer.Advance(TenPast, Hour, wornIncorrectlyIsViolation: true);
        summarizer.RecordPerson(1, MaskStatus.Uncertain);
        summarizer.RecordPerson(1, MaskStatus.NoMask);
        summarizer.RecordPerson(1, MaskStatus.Mask);
        summarizer.RecordPerson(1, MaskStatus.Uncertain);
        summarizer.RecordPerson(2, MaskStatus.NoMask);
        summarizer.RecordPerson(3, MaskStatus.WornIncorrectly);
        summarizer.RecordPerson(4, MaskStatus.Uncertain);
        summarizer.RecordDistanceViolation();
        summarizer.RecordDistanceViolation();

        Assert.Null(summarizer.Advance(TenPast.AddMinutes(49), Hour, true));
        var summary = summarizer.Advance(TenPast.AddMinutes(51), Hour, true);

        Assert.NotNull(summary);
        Assert.Equal((4, 1, 2, 2), (summary.PeopleSeen, summary.Masked, summary.Unmasked, summary.DistanceViolations));
    }

    [Fact]
    public void Advance_WornIncorrectlyNotAViolation_CountsItAsMasked()
    {
        var summarizer = new PeriodSummarizer();
        summarizer.Advance(TenPast, Hour, false);
        summarizer.RecordPerson(3, MaskStatus.WornIncorrectly);

        var summary = summarizer.Advance(TenPast + Hour, Hour, false);

        Assert.Equal((1, 0), (summary!.Masked, summary.Unmasked));
    }

    [Fact]
    public void Advance_NextPeriod_StartsFromZero()
    {
        var summarizer = new PeriodSummarizer();
        summarizer.Advance(TenPast, Hour, true);
        summarizer.RecordPerson(1, MaskStatus.Mask);
        summarizer.RecordDistanceViolation();
        summarizer.Advance(TenPast + Hour, Hour, true);

        // Hours without frames (camera off) are skipped: the next summary is for the hour of the next frame.
        var summary = summarizer.Advance(TenPast + (4 * Hour), Hour, true);

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), summary!.From);
        Assert.Equal((0, 0), (summary.PeopleSeen, summary.DistanceViolations));
    }

    [Fact]
    public void Advance_PeriodZero_TurnsSummariesOff()
    {
        var summarizer = new PeriodSummarizer();
        summarizer.Advance(TenPast, TimeSpan.Zero, true);
        summarizer.RecordPerson(1, MaskStatus.Mask);

        Assert.Null(summarizer.Advance(TenPast.AddDays(1), TimeSpan.Zero, true));
    }
}
