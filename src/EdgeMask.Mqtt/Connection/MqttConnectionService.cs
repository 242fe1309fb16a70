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
        _controls.Changed += OnControlsChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var client = factory.CreateMqttClient();
                var session = new MqttSession(client, _publisher, outbox, _state, commands, _options, _topics, _time, _loggers.CreateLogger<MqttSession>());
                client.ApplicationMessageReceivedAsync += session.HandleMessageAsync;
                client.DisconnectedAsync += _ =>
                {
                    _publisher.Wake.Set();
                    return Task.CompletedTask;
                };

                string failure;
                try
                {
                    _health.SetComponent(HealthComponent, "connecting");
                    var connected = await client.ConnectAsync(MqttClientOptionsFactory.Create(_options, _topics), stoppingToken).ConfigureAwait(false);
                    if (connected.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new BrokerRefusedException(connected);
                    }

                    _counters.Connected();
                    lastFailure = null;
                    backoff.Reset();
                    _health.SetComponent(HealthComponent, "connected");
                    _logger.LogInformation("MQTT connected to {Host}:{Port} as {ClientId}, topics under {Prefix}", _options.Host, _options.Port, _options.ClientId, _topics.Prefix);
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

                _health.SetComponent(HealthComponent, $"disconnected: {failure}");
                var delay = backoff.NextDelay();

                // A broker that keeps refusing (wrong password) or stays down says so once, not on every retry.
                var level = failure == lastFailure ? LogLevel.Debug : LogLevel.Warning;
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

    private void OnControlsChanged(object? sender, EventArgs e) => _publisher.Wake.Set();

    private static string Describe(Exception ex) => ex switch
    {
        BrokerRefusedException => ex.Message,
        MQTTnet.Adapter.MqttConnectingFailedException => $"broker refused the connection: {ex.Message}",
        _ when ex.InnerException is { } inner && ex is MQTTnet.Exceptions.MqttCommunicationException => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
