using EdgeMask.Core.Control;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene.Distance;
using EdgeMask.Core.Scene.Incidents;
using EdgeMask.Core.Scene.Summaries;
using EdgeMask.Core.Scene.Tracking;
using EdgeMask.Core.Scene.Verdicts;
using EdgeMask.Core.Settings;

namespace EdgeMask.Core.Scene;

/// <summary>
/// The scene logic for one camera: tracks faces, decides each person's mask verdict over a window of frames,
/// measures distances between people, and turns violations into incidents and period summaries. Settings are
/// read on every frame; the runtime minimum-distance override wins while set.
/// </summary>
internal sealed class SceneAnalyzer : ISceneAnalyzer
{
    private readonly LastValidOptions<SceneOptions> _options;
    private readonly RuntimeControls _controls;
    private readonly FaceTracker _tracker = new();
    private readonly Dictionary<int, VerdictWindow> _verdicts = [];
    private readonly IncidentTracker _maskIncidents = new(IncidentKind.NoMask);
    private readonly IncidentTracker _distanceIncidents = new(IncidentKind.TooClose);
    private readonly PeriodSummarizer _summaries = new();
    private readonly SteadyCount _peopleInView = new();
    private DistanceMode? _distanceModeInUse;
    private DateTimeOffset _lastFrameTime = DateTimeOffset.MinValue;
    private long _lastSequence;

    public SceneAnalyzer(LastValidOptions<SceneOptions> options, RuntimeControls controls)
    {
        _options = options;
        _controls = controls;
    }

    public SceneUpdate Analyze(FrameAnalysis frame)
    {
        Validate(frame);
        var options = CurrentOptions();

        // Frame time only moves forward, so a late timestamp cannot revive ended tracks or reopen a period.
        var now = frame.Timestamp > _lastFrameTime ? frame.Timestamp : _lastFrameTime;
        _lastFrameTime = now;
        _lastSequence = frame.Sequence;
        var summary = _summaries.Advance(now, options.SummaryPeriod, options.WornIncorrectlyIsViolation);

        foreach (var ended in _tracker.Update(frame.Faces, now, TrackerSettings.From(options)))
        {
            _verdicts.Remove(ended.Id);
        }

        var people = _tracker.Tracks.Where(t => t.IsConfirmed).ToList();
        UpdateVerdicts(options);
        var distances = DistanceMeter.Measure(
            people.Select(p => (p.Id, p.Box)).ToList(), frame.FrameWidth, frame.FrameHeight, options);

        var events = new List<IncidentEvent>();
        UpdateIncidents(now, people, distances, options, events);
        foreach (var started in events.Where(e => e is { Kind: IncidentKind.TooClose, Phase: IncidentPhase.Start }))
        {
            _summaries.RecordDistanceViolation();
        }

        var inViolation = _maskIncidents.Active.Concat(_distanceIncidents.Active)
            .SelectMany(i => i.Members)
            .ToHashSet();
        var tracked = new List<TrackedPerson>(people.Count);
        foreach (var person in people)
        {
            var verdict = _verdicts[person.Id];
            _summaries.RecordPerson(person.Id, verdict.LastDecided);
            tracked.Add(new TrackedPerson(
                person.Id,
                person.Box,
                verdict.Verdict,
                (float)verdict.Confidence,
                distances.PositionsMeters.TryGetValue(person.Id, out var position) ? position : null,
                inViolation.Contains(person.Id)));
        }

        var state = new SceneState(_maskIncidents.Active.Any(), _distanceIncidents.Active.Any(), _peopleInView.Update(tracked.Count, now, options.PeopleCountSettle));
        return new SceneUpdate(frame.Sequence, frame.Timestamp, state, tracked, events, summary);
    }

    public SceneUpdate Close()
    {
        var options = CurrentOptions();
        var at = _lastFrameTime == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : _lastFrameTime;
        var events = new List<IncidentEvent>();
        _maskIncidents.EndAll(at, IncidentTimings.ForMask(options), events);
        _distanceIncidents.EndAll(at, IncidentTimings.ForDistance(options), events);
        return new SceneUpdate(_lastSequence, at, SceneState.Clear, [], events);
    }

    private static void Validate(FrameAnalysis frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.FrameWidth <= 0 || frame.FrameHeight <= 0)
        {
            throw new ArgumentException($"Frame {frame.Sequence} has size {frame.FrameWidth}x{frame.FrameHeight}; both must be positive.", nameof(frame));
        }

        ArgumentNullException.ThrowIfNull(frame.Faces, nameof(frame.Faces));
        for (var i = 0; i < frame.Faces.Count; i++)
        {
            if (frame.Faces[i]?.Box is not { IsEmpty: false })
            {
                throw new ArgumentException($"Face #{i} of frame {frame.Sequence} has an empty box {frame.Faces[i]?.Box}.", nameof(frame));
            }
        }
    }

    /// <summary>The current settings; an invalid edit of the configuration file keeps the last valid ones.</summary>
    private SceneOptions CurrentOptions() => _options.Current;

    private void UpdateVerdicts(SceneOptions options)
    {
        foreach (var track in _tracker.Tracks)
        {
            if (!_verdicts.TryGetValue(track.Id, out var window))
            {
                window = new VerdictWindow();
                _verdicts[track.Id] = window;
            }

            if (!track.SeenInLatestFrame)
            {
                continue;
            }

            // The classifier has held the prediction against the confidence threshold (and its runtime override): its status is final.
            var prediction = track.Observation.Mask;
            window.Add(prediction.Status, prediction.Confidence, options.VerdictWindowFrames, options.VerdictMinFrames);
        }
    }

    private void UpdateIncidents(
        DateTimeOffset now,
        IReadOnlyList<Track> people,
        DistanceMeasurement distances,
        SceneOptions options,
        List<IncidentEvent> events)
    {
        var live = people.Select(p => p.Id).ToHashSet();
        var maskConditions = people
            .Where(p => IsMaskViolation(_verdicts[p.Id].Verdict, options))
            .Select(p => new IncidentCondition(IncidentSubject.Person(p.Id), _verdicts[p.Id].Confidence))
            .ToList();
        _maskIncidents.Update(now, maskConditions, live.Contains, IncidentTimings.ForMask(options), null, events);

        var distanceTimings = IncidentTimings.ForDistance(options);
        if (_distanceModeInUse is { } previous && previous != distances.Mode)
        {
            // Worst distances in the old unit cannot continue in the new one.
            _distanceIncidents.EndAll(now, distanceTimings, events);
        }

        _distanceModeInUse = distances.Mode;
        var minimum = distances.Mode == DistanceMode.Pixels
            ? options.MinDistancePixels
            : _controls.MinDistanceMeters ?? options.MinDistanceMeters;
        var scores = people.ToDictionary(p => p.Id, p => (double)p.Observation.DetectionScore);

        // One incident per group of people closer than the minimum, not one per pair. A group keeps its incident
        // while people join and leave as long as its anchor (the member it was first known by) stays in it.
        var anchors = _distanceIncidents.Known.ToList();
        var distanceConditions = CloseGroups.Find(distances.Pairs, minimum)
            .Select(group =>
            {
                var anchor = anchors.FirstOrDefault(a => group.Members.Contains(a.TrackId), IncidentSubject.Group(group.Members[0]));
                var closest = group.Closest;
                return new IncidentCondition(
                    IncidentSubject.Group(anchor.TrackId),
                    Math.Min(scores[closest.FirstTrackId], scores[closest.SecondTrackId]),
                    closest.Distance,
                    group.Members);
            })
            .ToList();
        _distanceIncidents.Update(now, distanceConditions, live.Contains, distanceTimings, distances.Unit, events);
    }

    private static bool IsMaskViolation(MaskStatus verdict, SceneOptions options) =>
        verdict == MaskStatus.NoMask || (verdict == MaskStatus.WornIncorrectly && options.WornIncorrectlyIsViolation);
}
