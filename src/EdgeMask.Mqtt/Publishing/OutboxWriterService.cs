using System.Text.Json;
using EdgeMask.Core.Outputs;
using EdgeMask.Mqtt.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Publishing;

/// <summary>Moves queued incident events into the durable outbox, numbering them, and wakes the publishing loop.</summary>
internal sealed class OutboxWriterService : BackgroundService
{
    private readonly MqttPublisher _publisher;
    private readonly IServiceProvider _services;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxWriterService> _logger;
    private readonly bool _snapshots;

    public OutboxWriterService(
        MqttPublisher publisher,
        IServiceProvider services,
        IOptions<MqttOptions> options,
        TimeProvider time,
        ILogger<OutboxWriterService> logger,
        IncidentSnapshotPolicy? snapshots = null)
    {
        _snapshots = snapshots?.Enabled ?? false;
        _publisher = publisher;
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // Resolved here, not in the constructor: a disabled MQTT area never touches the outbox folder.
        var outbox = (EventOutbox)_services.GetService(typeof(EventOutbox))!;
        try
        {
            await foreach (var incident in _publisher.PendingEvents.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Store(outbox, incident);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        DrainTo(outbox);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // .NET runs ExecuteAsync on the thread pool; a stop that comes before it ever ran must still keep the
        // queued events. base.StopAsync has awaited ExecuteAsync when it did run, so this drain is the only one.
        if (_options.Enabled)
        {
            DrainTo((EventOutbox)_services.GetService(typeof(EventOutbox))!);
        }
    }

    // Stopping: the frame loop stopped first, so what is queued now is all there will be; keep it on disk.
    private void DrainTo(EventOutbox outbox)
    {
        while (_publisher.PendingEvents.TryRead(out var remaining))
        {
            Store(outbox, remaining);
        }
    }

    // The outbox counts and logs an event it cannot store (full disk, unwritable folder) itself.
    private void Store(EventOutbox outbox, Core.Scene.IncidentEvent incident)
    {
        var recordedAt = _time.GetUtcNow();
        var stored = outbox.Append(sequence => JsonSerializer.SerializeToUtf8Bytes(
            EventPayload.From(incident, sequence, Guid.NewGuid(), _options.DeviceId!, recordedAt, _snapshots),
            MqttJsonContext.Default.EventPayload));
        if (stored is not null)
        {
            _publisher.Wake.Set();
        }
    }
}
