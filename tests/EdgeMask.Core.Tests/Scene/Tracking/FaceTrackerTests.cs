using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene.Tracking;

namespace EdgeMask.Core.Tests.Scene.Tracking;

public class FaceTrackerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromSeconds(1 / 15.0);
    private static readonly TrackerSettings Settings = new(TimeSpan.FromSeconds(1), ConfirmFrames: 3, MinIou: 0.2, MaxCenterDistanceFaceWidths: 1.0);

    [Fact]
    public void Update_WalkingFaceWithBriefMisses_KeepsOneId()
    {
        var tracker = new FaceTracker();
        var ids = new HashSet<int>();
        var t = SceneHarness.Start;
        for (var i = 0; i < 60; i++, t += Frame)
        {
            // Walks right at 300 px/s; the detector misses it for frames 20-26 (0.47 s) and 40-41.
            var missed = i is >= 20 and <= 26 or 40 or 41;
            FaceObservation[] faces = missed ? [] : [SceneHarness.Face(200 + (i * 20), 360, 90)];
            tracker.Update(faces, t, Settings);
            if (!missed)
            {
                ids.Add(Assert.Single(tracker.Tracks).Id);
            }
        }

        Assert.Single(ids);
    }

    [Fact]
    public void Update_FaceUnseenLongerThanMaxUnseen_EndsTheTrackAndAReturnGetsANewId()
    {
        var tracker = new FaceTracker();
        var t = SceneHarness.Start;
        var face = SceneHarness.Face(640, 360, 100);
        tracker.Update([face], t, Settings);
        var firstId = tracker.Tracks[0].Id;

        Assert.Empty(tracker.Update([], t + TimeSpan.FromSeconds(0.9), Settings));
        Assert.Single(tracker.Tracks);
        Assert.False(tracker.Tracks[0].SeenInLatestFrame);

        var ended = tracker.Update([], t + TimeSpan.FromSeconds(1.1), Settings);
        Assert.Equal(firstId, Assert.Single(ended).Id);
        Assert.Empty(tracker.Tracks);

        tracker.Update([face], t + TimeSpan.FromSeconds(1.2), Settings);
        Assert.NotEqual(firstId, Assert.Single(tracker.Tracks).Id);
    }

    [Fact]
    public void Update_MaxUnseenIsFrameTime_NotTheNumberOfFrames()
    {
        var tracker = new FaceTracker();
        var face = SceneHarness.Face(640, 360, 100);
        tracker.Update([face], SceneHarness.Start, Settings);

        // A single frame 2 s later (a stalled camera) is past the unseen time even though no frame was skipped.
        var ended = tracker.Update([face], SceneHarness.Start + TimeSpan.FromSeconds(2), Settings);

        Assert.Single(ended);
        Assert.NotEqual(ended[0].Id, Assert.Single(tracker.Tracks).Id);
    }

    public static TheoryData<int, int, int, bool> Crossings => new()
    {
        // width of A, width of B, vertical offset of B, whether B is hidden while A passes in front
        { 90, 90, 0, false },
        { 80, 110, 0, false },
        { 90, 90, 30, false },
        { 110, 75, 0, true },
    };

    [Theory]
    [MemberData(nameof(Crossings))]
    public void Update_TwoPeopleCrossing_KeepTheirOwnIds(int widthA, int widthB, int offsetB, bool occluded)
    {
        var tracker = new FaceTracker();
        var t = SceneHarness.Start;
        int? idA = null;
        int? idB = null;
        for (var i = 0; i <= 40; i++, t += Frame)
        {
            // A walks right, B walks left at 330 px/s each; they pass each other at frame 20.
            var ax = 200 + (i * 22.0);
            var bx = 1080 - (i * 22.0);
            var hideB = occluded && i is >= 18 and <= 22;
            FaceObservation[] faces = hideB
                ? [SceneHarness.Face(ax, 360, widthA)]
                : [SceneHarness.Face(ax, 360, widthA), SceneHarness.Face(bx, 360 + offsetB, widthB)];
            tracker.Update(faces, t, Settings);

            var trackA = tracker.Tracks.Single(x => x.SeenInLatestFrame && ReferenceEquals(x.Observation, faces[0]));
            idA ??= trackA.Id;
            Assert.True(idA == trackA.Id, $"frame {i}: A is track {trackA.Id}, expected {idA}");
            if (!hideB)
            {
                var trackB = tracker.Tracks.Single(x => x.SeenInLatestFrame && ReferenceEquals(x.Observation, faces[1]));
                idB ??= trackB.Id;
                Assert.True(idB == trackB.Id, $"frame {i}: B is track {trackB.Id}, expected {idB}");
            }
        }

        Assert.Equal(2, tracker.Tracks.Count);
    }

    [Fact]
    public void Update_TwoStillFacesSideBySide_NeverSwap()
    {
        var tracker = new FaceTracker();
        var t = SceneHarness.Start;
        var left = SceneHarness.Face(560, 360, 100);
        var right = SceneHarness.Face(680, 360, 100);
        tracker.Update([left, right], t, Settings);
        var leftId = tracker.Tracks.Single(x => ReferenceEquals(x.Observation, left)).Id;

        var random = new Random(3);
        for (var i = 1; i < 50; i++)
        {
            // Box jitter of a few pixels, faces listed in a random order.
            var l = SceneHarness.Face(560 + random.Next(-6, 7), 360 + random.Next(-6, 7), 100 + random.Next(-5, 6));
            var r = SceneHarness.Face(680 + random.Next(-6, 7), 360 + random.Next(-6, 7), 100 + random.Next(-5, 6));
            tracker.Update(random.Next(2) == 0 ? [l, r] : [r, l], t + (i * Frame), Settings);

            Assert.Equal(leftId, tracker.Tracks.Single(x => ReferenceEquals(x.Observation, l)).Id);
        }
    }

    [Fact]
    public void Update_FaceFarFromEveryTrack_StartsANewTrack()
    {
        var tracker = new FaceTracker();
        tracker.Update([SceneHarness.Face(200, 360, 80)], SceneHarness.Start, Settings);

        tracker.Update([SceneHarness.Face(900, 360, 80)], SceneHarness.Start + Frame, Settings);

        Assert.Equal(2, tracker.Tracks.Count);
        Assert.Equal([false, true], tracker.Tracks.Select(x => x.SeenInLatestFrame));
    }

    [Fact]
    public void Update_TrackIsConfirmedAfterConfirmFramesAndStaysConfirmed()
    {
        var tracker = new FaceTracker();
        var face = SceneHarness.Face(640, 360, 100);
        var confirmed = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            FaceObservation[] faces = i == 4 ? [] : [face];
            tracker.Update(faces, SceneHarness.Start + (i * Frame), Settings);
            confirmed.Add(tracker.Tracks[0].IsConfirmed);
        }

        Assert.Equal([false, false, true, true, true], confirmed);
    }

    [Fact]
    public void MatchCost_FaceOutsideTheGateWithoutOverlap_IsForbidden()
    {
        var cost = FaceTracker.MatchCost(SceneHarness.Face(100, 100, 50).Box, SceneHarness.Face(200, 100, 50).Box, Settings);

        Assert.Equal(AssignmentSolver.Forbidden, cost);
    }
}
