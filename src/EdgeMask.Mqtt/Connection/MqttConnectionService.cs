using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Mqtt.Commands;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.Mqtt.Publishing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeMask.Mqtt.Connection;

/// <summary>
/// Keeps a connection to the broker (MQTTnet 5 has no managed client): connect, run a <see cref="MqttSession"/>
/// until the connection drops, wait with exponential backoff, repeat. On shutdown it publishes "offline" and
/// disconnects cleanly; if the process dies instead, the broker publishes the same "offline" as the Last Will.
/// </summary>
internal sealed class MqttConnectionService : BackgroundService
{
    public const string HealthComponent = "mqtt";
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A connection that lasts this long counts as working again: the reconnect backoff starts over.</summary>
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DisconnectReasonWait = TimeSpan.FromSeconds(1);

    /// <summary>A connection that ends sooner than this after it was made counts towards a duplicate-client-id diagnosis.</summary>
    private static readonly TimeSpan QuickDrop = TimeSpan.FromSeconds(5);

    private readonly IServiceProvider _services;
    private readonly MqttPublisher _publisher;
    private readonly StateComposer _state;
    private readonly RuntimeControls _controls;
    private readonly PipelineHealth _health;
    private readonly ConnectionCounters _counters;
    private readonly MqttTopics _topics;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    public MqttConnectionService(
        IServiceProvider services,
        MqttPublisher publisher,
        StateComposer state,
        RuntimeControls controls,
        PipelineHealth health,
        ConnectionCounters counters,
        MqttTopics topics,
        IOptions<MqttOptions> options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _services = services;
        _publisher = publisher;
        _state = state;
        _controls = controls;
        _health = health;
        _counters = counters;
        _topics = topics;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<MqttConnectionService>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _health.SetComponent(HealthComponent, "disabled");
            return;
        }

        var outbox = (EventOutbox)_services.GetService(typeof(EventOutbox))!;
        var commands = _options.Commands.Enabled
            ? new CommandProcessor(_controls, _topics, _options.Commands.MaxPayloadBytes, _time, _loggers.CreateLogger<CommandProcessor>())
            : null;
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        var factory = new MqttClientFactory();
        string? lastFailure = null;
        var takenOver = false;
        var quickDrops = 0;
        _controls.Changed += OnControlsChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var client = factory.CreateMqttClient();
                var session = new MqttSession(client, _publisher, outbox, _state, commands, _options, _topics, _time, _loggers.CreateLogger<MqttSession>());
                client.ApplicationMessageReceivedAsync += session.HandleMessageAsync;
                var disconnected = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
                client.DisconnectedAsync += e =>
                {
                    disconnected.TrySetResult(e.Reason);
                    _publisher.Wake.Set();
                    return Task.CompletedTask;
                };

                string failure;
                long? connectedAt = null;
                try
                {
                    _health.SetComponent(HealthComponent, "connecting");
                    var connected = await client.ConnectAsync(MqttClientOptionsFactory.Create(_options, _topics), stoppingToken).ConfigureAwait(false);
                    if (connected.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new BrokerRefusedException(connected);
                    }

                    _counters.Connected();
                    connectedAt = _time.GetTimestamp();
                    _health.SetComponent(HealthComponent, "connected");

                    // While another client keeps taking the session over, each brief reconnect is not news.
                    var connectedLevel = takenOver ? LogLevel.Debug : LogLevel.Information;
                    _logger.Log(connectedLevel, "MQTT connected to {Host}:{Port} as {ClientId}, topics under {Prefix}", _options.Host, _options.Port, _options.ClientId, _topics.Prefix);
                    await session.RunAsync(stoppingToken).ConfigureAwait(false);
                    failure = "connection lost";
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    await SayGoodbyeAsync(client).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex)
                {
                    failure = Describe(ex);
                }

                takenOver = false;
                if (connectedAt is { } since)
                {
                    // The session can end (a publish on a closed connection) before the client reports why it closed.
                    var reason = await DisconnectReasonAsync(disconnected.Task, stoppingToken).ConfigureAwait(false);
                    var lasted = _time.GetElapsedTime(since);
                    quickDrops = lasted < QuickDrop ? quickDrops + 1 : 0;

                    // MQTT 5 brokers may say so (session taken over); others, mosquitto 2.0 among them, just close the
                    // older connection, so connections that keep ending at once are read the same way.
                    takenOver = reason == MqttClientDisconnectReason.SessionTakenOver || quickDrops >= 2;
                    if (takenOver)
                    {
                        failure = $"the broker keeps closing the connection right after it is made: most likely another device connects with the same client id ('{_options.ClientId}'); give each device its own Mqtt:DeviceId (or Mqtt:ClientId)";
                    }

                    // Only a connection that held resets the backoff: one that drops at once (a duplicate client id,
                    // a broker that kicks us) must not be retried at the shortest delay forever.
                    if (lasted >= StableConnection)
                    {
                        backoff.Reset();
                        lastFailure = null;
                    }
                }

                _health.SetComponent(HealthComponent, $"disconnected: {failure}");
                var delay = backoff.NextDelay();

                // A broker that keeps refusing (wrong password) or stays down says so once, not on every retry.
                var level = failure == lastFailure ? LogLevel.Debug : takenOver ? LogLevel.Error : LogLevel.Warning;
                lastFailure = failure;
                _logger.Log(level, "MQTT {Host}:{Port}: {Failure}; retrying in {Delay:0.0} s ({Depth} events waiting in the outbox)", _options.Host, _options.Port, failure, delay.TotalSeconds, outbox.Depth);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _controls.Changed -= OnControlsChanged;
            _health.SetComponent(HealthComponent, "disconnected: stopped");
        }
    }

    private async Task SayGoodbyeAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(GoodbyeTimeout, _time);
        try
        {
            var offline = new MqttApplicationMessageBuilder()
                .WithTopic(_topics.Availability)
                .WithPayload(MqttClientOptionsFactory.Offline)
                .WithRetainFlag(true)
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await client.PublishAsync(offline, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("MQTT: could not say goodbye cleanly ({Error}); the broker will publish the Last Will", ex.Message);
        }
    }

    private async Task<MqttClientDisconnectReason?> DisconnectReasonAsync(Task<MqttClientDisconnectReason> disconnected, CancellationToken cancellationToken)
    {
        try
        {
            return await disconnected.WaitAsync(DisconnectReasonWait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private void OnControlsChanged(object? sender, EventArgs e) => _publisher.Wake.Set();

    private static string Describe(Exception ex) => ex switch
    {
        BrokerRefusedException => ex.Message,
        MQTTnet.Adapter.MqttConnectingFailedException => $"broker refused the connection: {ex.Message}",
        _ when ex.InnerException is { } inner && ex is MQTTnet.Exceptions.MqttCommunicationException => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
