using System.Threading.Channels;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Publishing;

/// <summary>
/// The scene sink in front of MQTT. Never blocks the frame loop: events go to a bounded queue that the outbox
/// writer persists, the latest scene state and summaries are kept for the connection's publishing loop, which
/// is woken whenever something changed.
/// </summary>
internal sealed class MqttPublisher : ISceneSink
{
    /// <summary>Events waiting to be written to the outbox; only a disk far slower than the frame rate fills it.</summary>
    public const int EventQueueCapacity = 1024;
    private const int SummaryQueueCapacity = 16;

    private readonly bool _enabled;
    private readonly Channel<IncidentEvent> _events;
    private readonly Channel<PeriodSummary> _summaries;
    private SceneState _scene = SceneState.Clear;
    private StatsPayload? _pendingStats;
    private byte[]? _pendingSnapshot;
    private int _discoveryRequested;
    private long _eventsLost;

    public MqttPublisher(IOptions<MqttOptions> options)
    {
        _enabled = options.Value.Enabled;
        _events = Channel.CreateBounded<IncidentEvent>(
            new BoundedChannelOptions(EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _eventsLost));
        _summaries = Channel.CreateBounded<PeriodSummary>(new BoundedChannelOptions(SummaryQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
    }

    /// <summary>Wakes the publishing loop.</summary>
    public AsyncSignal Wake { get; } = new();

    public ChannelReader<IncidentEvent> PendingEvents => _events.Reader;

    public ChannelReader<PeriodSummary> PendingSummaries => _summaries.Reader;

    public SceneState Scene => Volatile.Read(ref _scene);

    /// <summary>Events lost before reaching the outbox (queue overflow; the outbox counts its own losses).</summary>
    public long EventsLost => Interlocked.Read(ref _eventsLost);

    public ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        // The scene is kept even with MQTT off: the dashboard and /metrics read it from here.
        if (!_enabled)
        {
            Volatile.Write(ref _scene, update.State);
            return ValueTask.CompletedTask;
        }

        var changed = false;
        foreach (var incident in update.Events)
        {
            changed |= _events.Writer.TryWrite(incident);
        }

        if (update.Summary is { } summary)
        {
            changed |= _summaries.Writer.TryWrite(summary);
        }

        if (!Equals(Volatile.Read(ref _scene), update.State))
        {
            Volatile.Write(ref _scene, update.State);
            changed = true;
        }

        if (changed)
        {
            Wake.Set();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Replaces any stats not yet published: only the latest figures matter.</summary>
    public void OfferStats(StatsPayload stats)
    {
        Interlocked.Exchange(ref _pendingStats, stats);
        Wake.Set();
    }

    public StatsPayload? TakeStats() => Interlocked.Exchange(ref _pendingStats, null);

    /// <summary>An incident snapshot (JPEG) for {prefix}/snapshot; only the newest waiting one is published.</summary>
    public void OfferSnapshot(byte[] jpeg)
    {
        if (!_enabled)
        {
            return;
        }

        Interlocked.Exchange(ref _pendingSnapshot, jpeg);
        Wake.Set();
    }

    public byte[]? TakeSnapshot() => Interlocked.Exchange(ref _pendingSnapshot, null);

    public void RequestDiscovery()
    {
        Interlocked.Exchange(ref _discoveryRequested, 1);
        Wake.Set();
    }

    public bool TakeDiscoveryRequest() => Interlocked.Exchange(ref _discoveryRequested, 0) == 1;
}
