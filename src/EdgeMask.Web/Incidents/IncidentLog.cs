using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using EdgeMask.Mqtt;

namespace EdgeMask.Web.Incidents;

/// <summary>The most recent incidents as the dashboard lists them: one entry per incident, updated by each of its events.</summary>
internal sealed class IncidentLog : ISceneSink
{
    public const int Capacity = 20;

    private readonly bool _snapshots;
    private readonly Lock _lock = new();
    private readonly LinkedList<IncidentEntry> _entries = new();
    private long _version;

    public IncidentLog(IncidentSnapshotPolicy snapshots) => _snapshots = snapshots.Enabled;

    /// <summary>Moves on with every change; readers compare it to know when to send the list again.</summary>
    public long Version => Interlocked.Read(ref _version);

    public ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        if (update.Events.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_lock)
        {
            foreach (var incident in update.Events)
            {
                Record(incident);
            }
        }

        Interlocked.Increment(ref _version);
        return ValueTask.CompletedTask;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<IncidentEntry> Recent()
    {
        lock (_lock)
        {
            return _entries.ToArray();
        }
    }

    private void Record(IncidentEvent incident)
    {
        var entry = new IncidentEntry(
            incident.IncidentId,
            EventPayload.KindName(incident.Kind),
            EventPayload.PhaseName(incident.Phase),
            incident.StartedAt,
            incident.At,
            incident.TrackIds,
            incident.BestConfidence,
            incident.WorstDistance,
            incident.WorstDistance is null ? null : incident.DistanceUnit,
            _snapshots ? SnapshotIds.Of(incident.IncidentId) : null);

        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.IncidentId == incident.IncidentId)
            {
                node.Value = entry;
                return;
            }
        }

        _entries.AddFirst(entry);
        if (_entries.Count > Capacity)
        {
            _entries.RemoveLast();
        }
    }
}

/// <summary>One incident in its latest phase.</summary>
public sealed record IncidentEntry(
    Guid IncidentId,
    string Kind,
    string Phase,
    DateTimeOffset StartedAt,
    DateTimeOffset At,
    IReadOnlyList<int> TrackIds,
    double Confidence,
    double? Distance,
    string? DistanceUnit,
    string? Snapshot);
