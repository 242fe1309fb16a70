using System.Text;
using System.Text.Json;
using EdgeMask.Core.Text;
using EdgeMask.Mqtt.Commands;
using EdgeMask.Mqtt.HomeAssistant;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.Mqtt.Publishing;
using EdgeMask.Mqtt.Stats;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeMask.Mqtt.Connection;

/// <summary>
/// One connected session: announces the device (online, discovery, state), then publishes whatever changes and
/// drains the outbox in order, removing each event only after its PUBACK. Returns when the connection drops.
/// </summary>
internal sealed class MqttSession
{
    /// <summary>Events published before state, stats and discovery get another look during a long drain.</summary>
    private const int OutboxBatch = 100;
    private const int MaxStatusPayloadBytes = 16;

    /// <summary>State also reflects the camera, which no scene update announces: look at least this often.</summary>
    private static readonly TimeSpan StateCheckInterval = TimeSpan.FromSeconds(1);

    private readonly IMqttClient _client;
    private readonly MqttPublisher _publisher;
    private readonly EventOutbox _outbox;
    private readonly StateComposer _state;
    private readonly CommandProcessor? _commands;
    private readonly MqttOptions _options;
    private readonly MqttTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private StatePayload? _lastState;

    public MqttSession(
        IMqttClient client,
        MqttPublisher publisher,
        EventOutbox outbox,
        StateComposer state,
        CommandProcessor? commands,
        MqttOptions options,
        MqttTopics topics,
        TimeProvider time,
        ILogger logger)
    {
        _client = client;
        _publisher = publisher;
        _outbox = outbox;
        _state = state;
        _commands = commands;
        _options = options;
        _topics = topics;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SubscribeAsync(cancellationToken).ConfigureAwait(false);
        await PublishAsync(_topics.Availability, Encoding.UTF8.GetBytes(MqttClientOptionsFactory.Online), retain: true, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        _publisher.TakeDiscoveryRequest();
        await ReconcileDiscoveryAsync(cancellationToken).ConfigureAwait(false);

        while (_client.IsConnected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_publisher.TakeDiscoveryRequest())
            {
                await PublishDiscoveryAsync(cancellationToken).ConfigureAwait(false);
            }

            await PublishStateIfChangedAsync(cancellationToken).ConfigureAwait(false);
            await PublishSummariesAsync(cancellationToken).ConfigureAwait(false);
            if (_publisher.TakeStats() is { } stats)
            {
                await PublishAsync(_topics.Stats, JsonSerializer.SerializeToUtf8Bytes(stats, MqttJsonContext.Default.StatsPayload), retain: true, MqttQualityOfServiceLevel.AtMostOnce, cancellationToken).ConfigureAwait(false);
            }

            if (_publisher.TakeSnapshot() is { } snapshot && _options.PublishSnapshots)
            {
                await PublishAsync(_topics.Snapshot, snapshot, retain: true, MqttQualityOfServiceLevel.AtMostOnce, cancellationToken).ConfigureAwait(false);
            }

            var moreWaiting = await DrainOutboxAsync(cancellationToken).ConfigureAwait(false);
            if (!moreWaiting)
            {
                await _publisher.Wake.WaitAsync(StateCheckInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Handles a received message (a command or Home Assistant's status). Never throws: bad input is acked or logged.</summary>
    public Task HandleMessageAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        try
        {
            var message = received.ApplicationMessage;
            if (_options.HomeAssistant.Enabled && message.Topic == _options.HomeAssistant.StatusTopic)
            {
                if (message.Payload.Length <= MaxStatusPayloadBytes && message.ConvertPayloadToString() == MqttClientOptionsFactory.Online)
                {
                    _logger.LogInformation("Home Assistant is online: re-publishing discovery");
                    _publisher.RequestDiscovery();
                }
            }
            else if (_commands?.Handle(message.Topic, message.Payload) is { } ack)
            {
                _state.RecordCommand(ack);
                _publisher.Wake.Set();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "MQTT: failed to handle a message on {Topic}", PrintableText.Escape(received.ApplicationMessage?.Topic));
        }

        return Task.CompletedTask;
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscription = new MqttClientSubscribeOptionsBuilder();
        var any = false;
        if (_commands is not null)
        {
            // "{prefix}/set/#" also matches "{prefix}/set" itself (MQTT's multi-level wildcard includes its parent);
            // subscribing to both would deliver, and run, every JSON command twice.
            subscription.WithTopicFilter(_topics.CommandFilter, MqttQualityOfServiceLevel.AtLeastOnce);
            any = true;
        }

        if (_options.HomeAssistant.Enabled)
        {
            subscription.WithTopicFilter(_options.HomeAssistant.StatusTopic, MqttQualityOfServiceLevel.AtLeastOnce);
            any = true;
        }

        if (any)
        {
            await _client.SubscribeAsync(subscription.Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    // Clears what an earlier run left retained and this one does not publish (discovery off, another device id or
    // prefix, an entity dropped), then publishes the current configs. The ledger is written before each step, so a
    // connection lost half-way leaves no topic unrecorded.
    private async Task ReconcileDiscoveryAsync(CancellationToken cancellationToken)
    {
        var ledger = DiscoveryLedger.Beside(_outbox);
        var current = _options.HomeAssistant.Enabled
            ? HomeAssistantDiscovery.Build(_topics, VersionInfo.Current, _options.StatsInterval, _options.PublishSnapshots, _options.HomeAssistant.ConfigurationUrl).Select(m => m.Topic).ToHashSet(StringComparer.Ordinal)
            : [];
        var recorded = ledger.Load();
        var stale = recorded.Except(current).ToList();
        if (!TrySave(ledger, recorded.Union(current)))
        {
            return;
        }

        foreach (var topic in stale)
        {
            await PublishAsync(topic, [], retain: true, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        }

        if (stale.Count > 0)
        {
            _logger.LogInformation("Home Assistant: cleared {Count} discovery configs this device no longer publishes", stale.Count);
            TrySave(ledger, current);
        }

        await PublishDiscoveryAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool TrySave(DiscoveryLedger ledger, IEnumerable<string> topics)
    {
        try
        {
            ledger.Save(topics);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Home Assistant: could not record the discovery topics in {Path} ({Error}); discovery is not published until it can be", ledger.Path, ex.Message);
            return false;
        }
    }

    private async Task PublishDiscoveryAsync(CancellationToken cancellationToken)
    {
        if (!_options.HomeAssistant.Enabled)
        {
            return;
        }

        foreach (var message in HomeAssistantDiscovery.Build(_topics, VersionInfo.Current, _options.StatsInterval, _options.PublishSnapshots, _options.HomeAssistant.ConfigurationUrl))
        {
            await PublishAsync(message.Topic, message.ToJsonUtf8(), retain: true, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishStateIfChangedAsync(CancellationToken cancellationToken)
    {
        var state = _state.Compose();
        if (!state.DiffersFrom(_lastState))
        {
            return;
        }

        await PublishAsync(_topics.State, JsonSerializer.SerializeToUtf8Bytes(state, MqttJsonContext.Default.StatePayload), retain: true, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        _lastState = state;
    }

    private async Task PublishSummariesAsync(CancellationToken cancellationToken)
    {
        while (_publisher.PendingSummaries.TryPeek(out var summary))
        {
            var payload = SummaryPayload.Create(summary, _topics.DeviceId);
            await PublishAsync(_topics.Summary, JsonSerializer.SerializeToUtf8Bytes(payload, MqttJsonContext.Default.SummaryPayload), retain: true, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
            _publisher.PendingSummaries.TryRead(out _);
        }
    }

    /// <summary>Publishes up to one batch of outbox events in order; true when more are waiting.</summary>
    private async Task<bool> DrainOutboxAsync(CancellationToken cancellationToken)
    {
        for (var published = 0; published < OutboxBatch; published++)
        {
            if (!_outbox.TryPeek(out var entry))
            {
                return false;
            }

            var payload = await _outbox.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
            if (payload is not null)
            {
                await PublishAsync(_topics.Events, payload, retain: false, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken).ConfigureAwait(false);
            }

            // Reached only after the PUBACK (or when the entry was dropped meanwhile): now it may go.
            _outbox.Acknowledge(entry);
        }

        return _outbox.TryPeek(out _);
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, MqttQualityOfServiceLevel qos, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(qos)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (qos != MqttQualityOfServiceLevel.AtMostOnce && result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            throw new PublishRejectedException($"broker rejected the publish to {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }
}
