namespace EdgeMask.Core.Scene.Incidents;

/// <summary>
/// Turns per-frame conditions of one kind into incidents: a start once a condition has held for the minimum
/// duration, updates (at most one per interval, only when the worst distance or best confidence moved), and an
/// end once the condition has been clear for the clear duration, or at once when it is gone because someone in it
/// left. After an end, the same subject gets no new incident until the cooldown has passed.
/// </summary>
internal sealed class IncidentTracker
{
    private readonly IncidentKind _kind;
    private readonly Dictionary<IncidentSubject, SubjectState> _subjects = [];

    public IncidentTracker(IncidentKind kind) => _kind = kind;

    public IEnumerable<ActiveIncident> Active => _subjects.Values.Where(s => s.Incident is not null).Select(s => s.Incident!);

    /// <summary>Subjects with an incident or a condition building up, the open incidents first, then by age.</summary>
    public IEnumerable<IncidentSubject> Known => _subjects
        .Where(kv => kv.Value.Incident is not null || kv.Value.ConditionSince is not null)
        .OrderBy(kv => kv.Value.Incident is null)
        .ThenBy(kv => kv.Value.Incident?.StartedAt ?? kv.Value.ConditionSince)
        .Select(kv => kv.Key);

    /// <param name="now">Frame time.</param>
    /// <param name="present">Conditions that hold in this frame, at most one per subject.</param>
    /// <param name="isLive">Whether a track is still alive; incidents of departed tracks end at once.</param>
    /// <param name="distanceUnit">Unit of <see cref="IncidentCondition.Distance"/>, null when there is none.</param>
    /// <param name="events">Receives the events of this frame.</param>
    public void Update(
        DateTimeOffset now,
        IReadOnlyCollection<IncidentCondition> present,
        Func<int, bool> isLive,
        IncidentTimings timings,
        string? distanceUnit,
        List<IncidentEvent> events)
    {
        var seen = new HashSet<IncidentSubject>();
        foreach (var condition in present)
        {
            if (!seen.Add(condition.Subject))
            {
                throw new ArgumentException($"Condition for {_kind} {condition.Subject} was given twice in one frame.", nameof(present));
            }

            var state = StateOf(condition.Subject);
            state.ConditionSince ??= now;
            state.ClearSince = null;
            if (state.Incident is { } incident)
            {
                incident.Observe(condition);
                if (incident.HasNews && now - incident.LastEventAt >= timings.UpdateInterval)
                {
                    events.Add(incident.Report(IncidentPhase.Update, now));
                }
            }
            else if (now - state.ConditionSince >= timings.MinDuration && !(now < state.CooldownUntil))
            {
                state.Incident = new ActiveIncident(_kind, condition.Subject, now, condition, distanceUnit);
                events.Add(state.Incident.Report(IncidentPhase.Start, now));
            }
        }

        foreach (var (subject, state) in _subjects)
        {
            if (seen.Contains(subject))
            {
                continue;
            }

            state.ConditionSince = null;
            if (state.Incident is not { } incident)
            {
                continue;
            }

            state.ClearSince ??= now;
            var departed = !incident.Members.All(isLive);
            if (departed || now - state.ClearSince >= timings.ClearDuration)
            {
                End(state, incident, now, timings, events);
            }
        }

        Forget(now, isLive);
    }

    /// <summary>Ends every active incident now, e.g. when the distance unit changes under them.</summary>
    public void EndAll(DateTimeOffset now, IncidentTimings timings, List<IncidentEvent> events)
    {
        foreach (var state in _subjects.Values)
        {
            if (state.Incident is { } incident)
            {
                End(state, incident, now, timings, events);
            }

            state.ConditionSince = null;
        }
    }

    private static void End(SubjectState state, ActiveIncident incident, DateTimeOffset now, IncidentTimings timings, List<IncidentEvent> events)
    {
        events.Add(incident.Report(IncidentPhase.End, now));
        state.Incident = null;
        state.ClearSince = null;
        state.CooldownUntil = now + timings.Cooldown;
    }

    private SubjectState StateOf(IncidentSubject subject)
    {
        if (!_subjects.TryGetValue(subject, out var state))
        {
            state = new SubjectState();
            _subjects[subject] = state;
        }

        return state;
    }

    // Subjects with nothing pending are dropped; track ids are never reused, so departed ones can go at once.
    private void Forget(DateTimeOffset now, Func<int, bool> isLive)
    {
        var idle = _subjects
            .Where(kv => kv.Value.Incident is null && kv.Value.ConditionSince is null &&
                         (!kv.Key.TrackIds.All(isLive) || !(now < kv.Value.CooldownUntil)))
            .Select(kv => kv.Key)
            .ToList();
        foreach (var subject in idle)
        {
            _subjects.Remove(subject);
        }
    }

    private sealed class SubjectState
    {
        public DateTimeOffset? ConditionSince { get; set; }

        public DateTimeOffset? ClearSince { get; set; }

        public DateTimeOffset? CooldownUntil { get; set; }

        public ActiveIncident? Incident { get; set; }
    }
}
