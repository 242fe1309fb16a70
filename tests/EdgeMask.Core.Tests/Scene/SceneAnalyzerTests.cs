using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeMask.Core.Tests.Scene;

public class SceneAnalyzerTests
{
    private static readonly TimeSpan Seconds1 = TimeSpan.FromSeconds(1);

    [Fact]
    public void Analyze_PersonWithoutMaskWhoLeaves_YieldsOneStartBoundedUpdatesAndOneEnd()
    {
        using var scene = new SceneHarness();
        var random = new Random(1);
        for (var i = 0; i < 150; i++)
        {
            // 10 s of a face without a mask; the classifier wavers (one frame in five says mask) and its confidence varies.
            var status = i % 5 == 4 ? MaskStatus.Mask : MaskStatus.NoMask;
            scene.Step(SceneHarness.Face(640 + random.Next(-4, 5), 360, 120, status, 0.7f + (0.3f * (float)random.NextDouble())));
        }

        Assert.True(scene.Last.State.MaskViolation);
        Assert.True(Assert.Single(scene.Last.People).InViolation);

        // The track ends after Scene:TrackMaxUnseen (1 s); the count follows Scene:PeopleCountSettle (3 s) later.
        scene.Hold(TimeSpan.FromSeconds(5));

        var events = scene.Events.ToList();
        Assert.Single(events, e => e.Phase == IncidentPhase.Start);
        Assert.Single(events, e => e.Phase == IncidentPhase.End);
        Assert.All(events, e => Assert.Equal(IncidentKind.NoMask, e.Kind));
        Assert.Single(events.Select(e => e.IncidentId).Distinct());
        Assert.InRange(events.Count(e => e.Phase == IncidentPhase.Update), 0, 5);
        Assert.Null(events[0].WorstDistance);
        Assert.Null(events[0].DistanceUnit);
        // Four frames in five vote no-mask with confidence 0.7-1.0: the verdict's support share stays below 0.8.
        Assert.InRange(events[^1].BestConfidence, 0.6, 0.8);
        Assert.False(scene.Last.State.MaskViolation);
        Assert.Equal(0, scene.Last.State.PeopleInView);
    }

    [Fact]
    public void Close_WhileIncidentsAreOpen_EndsEachExactlyOnceAtTheLastFrameTime()
    {
        using var scene = new SceneHarness();
        scene.Hold(TimeSpan.FromSeconds(3), SceneHarness.FaceAt(-0.3, 0, 2.0, status: MaskStatus.NoMask), SceneHarness.FaceAt(0.3, 0, 2.0, status: MaskStatus.NoMask));
        var lastFrameTime = scene.Last.Timestamp;
        var open = scene.Events.Where(e => e.Phase == IncidentPhase.Start).Select(e => e.IncidentId).ToHashSet();
        Assert.Equal(3, open.Count); // two unmasked people and one pair too close

        var closing = scene.Analyzer.Close();
        var again = scene.Analyzer.Close();

        Assert.Equal(open, closing.Events.Where(e => e.Phase == IncidentPhase.End).Select(e => e.IncidentId).ToHashSet());
        Assert.All(closing.Events, e => Assert.Equal(lastFrameTime, e.At));
        Assert.False(closing.State.AnyViolation);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Analyze_AlternatingMaskPredictions_VerdictNeverFlipsAndNoIncident()
    {
        using var scene = new SceneHarness();
        for (var i = 0; i < 100; i++)
        {
            scene.Step(SceneHarness.Face(640, 360, 120, i % 2 == 0 ? MaskStatus.Mask : MaskStatus.NoMask, 0.9f));
        }

        Assert.All(scene.Updates, u => Assert.Equal(MaskStatus.Uncertain, Assert.Single(u.People).Verdict));
        Assert.Empty(scene.Events);
    }

    [Fact]
    public void Analyze_MaskedPerson_GetsAMaskVerdictAndNoIncident()
    {
        using var scene = new SceneHarness();

        scene.Hold(TimeSpan.FromSeconds(3), SceneHarness.Face(640, 360, 120, MaskStatus.Mask, 0.97f));

        var person = Assert.Single(scene.Last.People);
        Assert.Equal(MaskStatus.Mask, person.Verdict);
        Assert.InRange(person.VerdictConfidence, 0.96f, 0.98f);
        Assert.Empty(scene.Events);
        Assert.Equal(new SceneState(false, false, 1), scene.Last.State);
    }

    [Fact]
    public void Analyze_FivePeopleStandingTogether_OneGroupIncident_UpdatedWhenOneLeavesTheGroup()
    {
        using var scene = new SceneHarness();
        double[] xs = [-0.6, -0.3, 0, 0.3, 0.6];
        FaceObservation[] Faces(double lastX) => [.. xs[..4].Select(x => SceneHarness.FaceAt(x, 0, 2.0)), SceneHarness.FaceAt(lastX, 0, 2.0)];

        scene.Hold(TimeSpan.FromSeconds(4), Faces(0.6));

        // All ten pairs are closer than 1.5 m: one incident about the five of them, not ten.
        var start = Assert.Single(scene.Events);
        Assert.Equal((IncidentKind.TooClose, IncidentPhase.Start), (start.Kind, start.Phase));
        Assert.Equal(5, start.TrackIds.Count);
        Assert.InRange(start.WorstDistance!.Value, 0.27, 0.33);

        // The fifth walks away, a little each frame so the tracker follows, and stays 3 m off.
        for (var i = 1; i <= 40; i++)
        {
            scene.Step(Faces(0.6 + (0.06 * i)));
        }

        scene.Hold(TimeSpan.FromSeconds(6), Faces(3.0));

        var events = scene.Events.ToList();
        Assert.All(events, e => Assert.Equal(start.IncidentId, e.IncidentId));
        Assert.DoesNotContain(events, e => e.Phase == IncidentPhase.End);
        Assert.Equal(4, events[^1].TrackIds.Count);
        Assert.Equal(start.TrackIds.Take(4), events[^1].TrackIds);
        Assert.True(scene.Last.State.DistanceViolation);
        Assert.Equal(4, scene.Last.People.Count(p => p.InViolation));
    }

    [Fact]
    public void Analyze_TwoPeopleTooCloseInMetres_OneDistanceIncidentWithTheirDistance()
    {
        using var scene = new SceneHarness();
        var a = new Point3(-0.4, 0, 2.0);
        var b = new Point3(0.5, 0.05, 2.2);

        scene.Hold(TimeSpan.FromSeconds(5), SceneHarness.FaceAt(a.X, a.Y, a.Z), SceneHarness.FaceAt(b.X, b.Y, b.Z));
        Assert.True(scene.Last.State.DistanceViolation);
        Assert.All(scene.Last.People, p => Assert.True(p.InViolation));
        Assert.All(scene.Last.People, p => Assert.NotNull(p.PositionMeters));

        // They step apart (a little each frame, so their tracks follow) and stay apart.
        for (var i = 1; i <= 15; i++)
        {
            scene.Step(SceneHarness.FaceAt(a.X - (0.06 * i), a.Y, a.Z), SceneHarness.FaceAt(b.X + (0.06 * i), b.Y, b.Z));
        }

        scene.Hold(TimeSpan.FromSeconds(2), SceneHarness.FaceAt(a.X - 0.9, a.Y, a.Z), SceneHarness.FaceAt(b.X + 0.9, b.Y, b.Z));

        var events = scene.Events.ToList();
        Assert.Equal([IncidentPhase.Start, IncidentPhase.End], events.Select(e => e.Phase));
        Assert.All(events, e => Assert.Equal(IncidentKind.TooClose, e.Kind));
        Assert.Equal("m", events[0].DistanceUnit);
        Assert.Equal(2, events[0].TrackIds.Count);
        var truth = a.DistanceTo(b);
        Assert.InRange(events[^1].WorstDistance!.Value, truth * 0.95, truth * 1.05);
        Assert.InRange(events[0].StartedAt - SceneHarness.Start, Seconds1, Seconds1 + scene.FrameInterval);
        Assert.False(scene.Last.State.DistanceViolation);
        Assert.Equal(2, scene.Last.State.PeopleInView);
    }

    [Fact]
    public void Analyze_PeopleFartherApartThanMinDistance_NoIncident()
    {
        using var scene = new SceneHarness();

        scene.Hold(TimeSpan.FromSeconds(5), SceneHarness.FaceAt(-0.9, 0, 2.5), SceneHarness.FaceAt(0.9, 0, 2.5));

        Assert.Empty(scene.Events);
    }

    [Fact]
    public void Analyze_RuntimeMinDistanceOverride_WinsOverConfiguration()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?> { ["Scene:MinDistanceMeters"] = "1.0" });
        var faces = new[] { SceneHarness.FaceAt(-0.6, 0, 2.5), SceneHarness.FaceAt(0.6, 0, 2.5) };

        scene.Hold(TimeSpan.FromSeconds(3), faces);
        Assert.Empty(scene.Events);

        scene.Controls.SetMinDistanceMeters(1.5);
        scene.Hold(TimeSpan.FromSeconds(1.5), faces);
        Assert.Equal(IncidentPhase.Start, Assert.Single(scene.Events).Phase);

        scene.Controls.SetMinDistanceMeters(null);
        scene.Hold(TimeSpan.FromSeconds(1), faces);
        Assert.Equal(IncidentPhase.End, scene.Events.Last().Phase);
    }

    [Fact]
    public void Analyze_ConfigurationReloaded_AppliesTheNewMinDistance()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?> { ["Scene:MinDistanceMeters"] = "1.0" });
        var faces = new[] { SceneHarness.FaceAt(-0.6, 0, 2.5), SceneHarness.FaceAt(0.6, 0, 2.5) };
        scene.Hold(TimeSpan.FromSeconds(3), faces);

        scene.Set("Scene:MinDistanceMeters", "2.0");
        scene.Hold(TimeSpan.FromSeconds(1.5), faces);

        Assert.Equal(IncidentPhase.Start, Assert.Single(scene.Events).Phase);
    }

    [Fact]
    public void Analyze_ConfigurationReloadedWithInvalidValues_KeepsTheLastValidSettings()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?> { ["Scene:MinDistanceMeters"] = "2.0" });
        var faces = new[] { SceneHarness.FaceAt(-0.6, 0, 2.5), SceneHarness.FaceAt(0.6, 0, 2.5) };

        // The bad edit is rejected as the file reloads (reported once, see LastValidOptionsTests); frames go on.
        Assert.Null(Record.Exception(() => scene.Set("Scene:VerdictMinFrames", "50")));
        Assert.Null(Record.Exception(() => scene.Set("Scene:MinDistanceMeters", "0.5")));
        scene.Hold(TimeSpan.FromSeconds(1.5), faces);

        Assert.Equal(IncidentPhase.Start, Assert.Single(scene.Events).Phase);
        Assert.Contains("VerdictMinFrames", scene.Services.GetRequiredService<LastValidOptions<SceneOptions>>().RejectedEditError, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PixelMode_MeasuresBoxCentresInPixels()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?>
        {
            ["Scene:DistanceMode"] = "Pixels",
            ["Scene:MinDistancePixels"] = "200",
        });

        scene.Hold(TimeSpan.FromSeconds(1.5), SceneHarness.Face(500, 360, 100), SceneHarness.Face(650, 360, 100));

        var start = Assert.Single(scene.Events);
        Assert.Equal("px", start.DistanceUnit);
        Assert.Equal(150, start.WorstDistance!.Value, 6);
        Assert.All(scene.Last.People, p => Assert.Null(p.PositionMeters));
    }

    [Fact]
    public void Analyze_DistanceModeChangedDuringAnIncident_EndsItAndStartsAFreshOneInTheNewUnit()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?>
        {
            ["Scene:MinDistancePixels"] = "1000",
            ["Scene:IncidentCooldown"] = "00:00:00",
        });
        var faces = new[] { SceneHarness.FaceAt(-0.3, 0, 2), SceneHarness.FaceAt(0.3, 0, 2) };
        scene.Hold(TimeSpan.FromSeconds(1.5), faces);

        scene.Set("Scene:DistanceMode", "Pixels");
        scene.Hold(TimeSpan.FromSeconds(1.5), faces);

        var events = scene.Events.ToList();
        Assert.Equal([IncidentPhase.Start, IncidentPhase.End, IncidentPhase.Start], events.Select(e => e.Phase));
        Assert.Equal(["m", "m", "px"], events.Select(e => e.DistanceUnit));
    }

    [Fact]
    public void Analyze_WornIncorrectly_IsAViolationOnlyWhenConfigured()
    {
        var face = SceneHarness.Face(640, 360, 120, MaskStatus.WornIncorrectly);
        using var strict = new SceneHarness();
        using var lenient = new SceneHarness(new Dictionary<string, string?> { ["Scene:WornIncorrectlyIsViolation"] = "false" });

        strict.Hold(TimeSpan.FromSeconds(2), face);
        lenient.Hold(TimeSpan.FromSeconds(2), face);

        Assert.Equal(IncidentKind.NoMask, Assert.Single(strict.Events).Kind);
        Assert.Empty(lenient.Events);
        Assert.Equal(MaskStatus.WornIncorrectly, Assert.Single(lenient.Last.People).Verdict);
    }

    [Fact]
    public void Analyze_UncertainPredictions_StayUncertainWhateverTheirTopClass()
    {
        // The classifier decides against the confidence threshold (and its runtime override) once; the scene must not
        // decide again, whatever the runtime controls say.
        using var scene = new SceneHarness(new Dictionary<string, string?> { ["Scene:VerdictMinFrames"] = "2" });
        var uncertain = SceneHarness.Face(640, 360, 120, MaskStatus.NoMask, 0.95f) with
        {
            Mask = new MaskPrediction(MaskStatus.Uncertain, 0.95f, MaskStatus.NoMask),
        };
        scene.Controls.SetMaskConfidenceThreshold(0.5);

        scene.Hold(TimeSpan.FromSeconds(2), uncertain);

        Assert.Equal(MaskStatus.Uncertain, Assert.Single(scene.Last.People).Verdict);
        Assert.Empty(scene.Events);
    }

    [Fact]
    public void Analyze_OneFrameFalseDetection_IsNotReportedAsAPerson()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?>
        {
            ["Scene:TrackConfirmFrames"] = "3",
            ["Scene:SummaryPeriod"] = "00:01:00",
        });
        var person = SceneHarness.Face(400, 360, 120);

        scene.Hold(TimeSpan.FromSeconds(1), person);
        scene.Step(person, SceneHarness.Face(1000, 200, 60));
        Assert.Single(scene.Last.People);
        scene.Hold(TimeSpan.FromSeconds(60), person);

        Assert.Equal(1, scene.Updates.Single(u => u.Summary is not null).Summary!.PeopleSeen);
    }

    [Fact]
    public void Analyze_SummaryPeriod_CountsPeopleVerdictsAndDistanceViolations()
    {
        using var scene = new SceneHarness(new Dictionary<string, string?> { ["Scene:SummaryPeriod"] = "00:01:00" });

        // A masked visitor, then two people (one unmasked) standing too close, then nobody until after 12:01.
        scene.Hold(TimeSpan.FromSeconds(5), SceneHarness.FaceAt(0, 0, 2, status: MaskStatus.Mask));
        scene.Hold(TimeSpan.FromSeconds(2));
        scene.Hold(
            TimeSpan.FromSeconds(5),
            SceneHarness.FaceAt(-0.3, 0, 2, status: MaskStatus.NoMask),
            SceneHarness.FaceAt(0.4, 0, 2, status: MaskStatus.Mask));
        scene.Hold(TimeSpan.FromSeconds(50));

        var summaries = scene.Updates.Where(u => u.Summary is not null).ToList();
        var summary = Assert.Single(summaries).Summary!;
        Assert.Equal(SceneHarness.Start, summary.From);
        Assert.Equal(SceneHarness.Start.AddMinutes(1), summary.To);
        Assert.Equal((3, 2, 1, 1), (summary.PeopleSeen, summary.Masked, summary.Unmasked, summary.DistanceViolations));
        Assert.True(summaries[0].Timestamp >= summary.To);
    }

    [Fact]
    public void Analyze_FaceWithEmptyBox_ThrowsNamingTheFrameAndFace()
    {
        using var scene = new SceneHarness();
        var bad = new FaceObservation(new PixelBox(10, 10, 0, 0), 1, new MaskPrediction(MaskStatus.Mask, 1, MaskStatus.Mask));

        var ex = Assert.Throws<ArgumentException>(() => scene.Step(SceneHarness.Face(640, 360, 100), bad));

        Assert.Contains("Face #1 of frame 1", ex.Message);
    }

    [Fact]
    public void Analyze_FrameWithoutSize_Throws()
    {
        using var scene = new SceneHarness();

        var ex = Assert.Throws<ArgumentException>(() => scene.Analyzer.Analyze(new FrameAnalysis(7, SceneHarness.Start, 0, 480, [])));

        Assert.Contains("Frame 7 has size 0x480", ex.Message);
    }

    [Fact]
    public void Analyze_ReportsTheFrameItAnalysed()
    {
        using var scene = new SceneHarness();

        var update = scene.Step();

        Assert.Equal(1, update.FrameSequence);
        Assert.Equal(SceneHarness.Start, update.Timestamp);
        Assert.Equal(SceneState.Clear, update.State);
        Assert.Empty(update.People);
        Assert.Null(update.Summary);
    }

    [Fact]
    public void Analyze_TimestampGoingBackwards_DoesNotReviveEndedTracks()
    {
        using var scene = new SceneHarness();
        var face = SceneHarness.Face(640, 360, 100);
        var first = scene.Analyzer.Analyze(new FrameAnalysis(1, SceneHarness.Start, 1280, 720, [face]));
        scene.Analyzer.Analyze(new FrameAnalysis(2, SceneHarness.Start + TimeSpan.FromSeconds(3), 1280, 720, []));

        var late = scene.Analyzer.Analyze(new FrameAnalysis(3, SceneHarness.Start + Seconds1, 1280, 720, [face]));

        Assert.NotEqual(first.People[0].TrackId, Assert.Single(late.People).TrackId);
    }
}
