using EdgeMask.Core.Scene;
using EdgeMask.Core.Scene.Incidents;

namespace EdgeMask.Core.Tests.Scene.Incidents;

public class IncidentTrackerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);
    private static readonly IncidentSubject Pair = IncidentSubject.Group(1);
    private static readonly int[] PairMembers = [1, 2];
    private static readonly IncidentTimings Timings = new(
        MinDuration: TimeSpan.FromSeconds(2),
        ClearDuration: TimeSpan.FromSeconds(1),
        Cooldown: TimeSpan.FromSeconds(30),
        UpdateInterval: TimeSpan.FromSeconds(5));

    private readonly IncidentTracker _tracker = new(IncidentKind.TooClose);
    private readonly List<IncidentEvent> _events = [];
    private readonly HashSet<int> _live = [1, 2];
    private DateTimeOffset _now = SceneHarness.Start;

    [Fact]
    public void Update_ConditionShorterThanMinDuration_StartsNothing()
    {
        Run(TimeSpan.FromSeconds(1.9), distance: 1.0);
        Run(TimeSpan.FromSeconds(5), distance: null);

        Assert.Empty(_events);
    }

    [Fact]
    public void Update_OneLongViolation_YieldsExactlyOneStartAndOneEnd()
    {
        var random = new Random(5);
        var until = _now + TimeSpan.FromSeconds(60);
        while (_now < until)
        {
            Step(0.8 + (0.5 * random.NextDouble()));
        }

        Run(TimeSpan.FromSeconds(3), distance: null);

        Assert.Single(_events, e => e.Phase == IncidentPhase.Start);
        Assert.Single(_events, e => e.Phase == IncidentPhase.End);
        Assert.Equal(IncidentPhase.Start, _events[0].Phase);
        Assert.Equal(IncidentPhase.End, _events[^1].Phase);
        Assert.Single(_events.Select(e => e.IncidentId).Distinct());
        Assert.All(_events, e => Assert.Equal([1, 2], e.TrackIds));
        Assert.All(_events, e => Assert.Equal("m", e.DistanceUnit));

        // 58 s of incident with updates at most every 5 s.
        var updates = _events.Where(e => e.Phase == IncidentPhase.Update).ToList();
        Assert.InRange(updates.Count, 1, 12);
        Assert.All(updates.Zip(updates.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= Timings.UpdateInterval));
        Assert.Equal(_events.Min(e => e.WorstDistance), _events[^1].WorstDistance);
        Assert.True(_events[^1].WorstDistance < 0.81);
    }

    [Fact]
    public void Update_StartEvent_CarriesStartTimeAndFirstMeasurement()
    {
        Run(TimeSpan.FromSeconds(2.05), distance: 1.2, confidence: 0.7);

        var start = Assert.Single(_events);
        Assert.Equal(IncidentPhase.Start, start.Phase);
        Assert.Equal(SceneHarness.Start + TimeSpan.FromSeconds(2), start.At);
        Assert.Equal(start.At, start.StartedAt);
        Assert.Equal(1.2, start.WorstDistance);
        Assert.Equal(0.7, start.BestConfidence);
    }

    [Fact]
    public void Update_NothingChanges_SendsNoUpdates()
    {
        Run(TimeSpan.FromSeconds(30), distance: 1.0);

        Assert.Equal([IncidentPhase.Start], _events.Select(e => e.Phase));
    }

    [Fact]
    public void Update_BriefGapShorterThanClearDuration_DoesNotSplitTheIncident()
    {
        Run(TimeSpan.FromSeconds(3), distance: 1.0);
        Run(TimeSpan.FromSeconds(0.8), distance: null);
        Run(TimeSpan.FromSeconds(3), distance: 1.0);
        Run(TimeSpan.FromSeconds(2), distance: null);

        Assert.Equal([IncidentPhase.Start, IncidentPhase.End], _events.Select(e => e.Phase));
    }

    [Fact]
    public void Update_PersonLeaves_EndsAtOnce()
    {
        Run(TimeSpan.FromSeconds(3), distance: 1.0);
        _live.Remove(2);

        Step(null);

        Assert.Equal([IncidentPhase.Start, IncidentPhase.End], _events.Select(e => e.Phase));
        Assert.Equal(_now - Frame, _events[^1].At);
    }

    [Fact]
    public void Update_ViolationAgainWithinCooldown_StartsNoNewIncidentUntilItPasses()
    {
        Run(TimeSpan.FromSeconds(3), distance: 1.0);
        Run(TimeSpan.FromSeconds(1.05), distance: null);
        var endedAt = _events[^1].At;
        Assert.Equal(IncidentPhase.End, _events[^1].Phase);

        Run(TimeSpan.FromSeconds(20), distance: 1.0);
        Assert.Equal(2, _events.Count);

        Run(TimeSpan.FromSeconds(15), distance: 1.0);
        var restart = _events[^1];
        Assert.Equal(IncidentPhase.Start, restart.Phase);
        Assert.Equal(endedAt + Timings.Cooldown, restart.At);
        Assert.NotEqual(_events[0].IncidentId, restart.IncidentId);
    }

    [Fact]
    public void Update_CooldownIsPerSubject_AnotherPairStartsFreely()
    {
        Run(TimeSpan.FromSeconds(3), distance: 1.0);
        Run(TimeSpan.FromSeconds(1.05), distance: null);
        _live.Add(3);
        var other = IncidentSubject.Group(3);

        for (var i = 0; i < 25; i++)
        {
            _tracker.Update(_now, [new IncidentCondition(other, 1, 0.9, [1, 3])], _live.Contains, Timings, "m", _events);
            _now += Frame;
        }

        Assert.Equal([1, 3], _events[^1].TrackIds);
        Assert.Equal(IncidentPhase.Start, _events[^1].Phase);
    }

    [Fact]
    public void Update_SameSubjectTwiceInOneFrame_Throws()
    {
        var condition = new IncidentCondition(Pair, 1, 1.0, PairMembers);

        Assert.Throws<ArgumentException>(() => _tracker.Update(_now, [condition, condition], _live.Contains, Timings, "m", _events));
    }

    [Fact]
    public void EndAll_ActiveIncident_EndsItAndStartsTheCooldown()
    {
        Run(TimeSpan.FromSeconds(3), distance: 1.0);

        _tracker.EndAll(_now, Timings, _events);
        Run(TimeSpan.FromSeconds(5), distance: 1.0);

        Assert.Equal([IncidentPhase.Start, IncidentPhase.End], _events.Select(e => e.Phase));
        Assert.Empty(_tracker.Active);
    }

    private void Run(TimeSpan duration, double? distance, double confidence = 1)
    {
        var until = _now + duration;
        while (_now < until)
        {
            Step(distance, confidence);
        }
    }

    private void Step(double? distance, double confidence = 1)
    {
        IncidentCondition[] present = distance is { } d ? [new IncidentCondition(Pair, confidence, d, PairMembers)] : [];
        _tracker.Update(_now, present, _live.Contains, Timings, "m", _events);
        _now += Frame;
    }
}
