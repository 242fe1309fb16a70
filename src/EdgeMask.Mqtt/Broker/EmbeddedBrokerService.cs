using System.Net;
using EdgeMask.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace EdgeMask.Mqtt.Broker;

/// <summary>
/// An MQTTnet broker inside the daemon, for a standalone sentinel on a network with no broker. Plain TCP, anonymous,
/// retained messages kept in memory. Registered before the connection loop so the daemon's own client finds it.
/// </summary>
internal sealed class EmbeddedBrokerService : IHostedService, IAsyncDisposable
{
    public const string HealthComponent = "mqtt-broker";

    private readonly EmbeddedBrokerOptions _options;
    private readonly PipelineHealth _health;
    private readonly ILogger<EmbeddedBrokerService> _logger;
    private MqttServer? _server;

    public EmbeddedBrokerService(IOptions<MqttOptions> options, PipelineHealth health, ILogger<EmbeddedBrokerService> logger)
    {
        _options = options.Value.Enabled ? options.Value.EmbeddedBroker : new EmbeddedBrokerOptions { Enabled = false };
        _health = health;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.BindAddress))
            .WithDefaultEndpointPort(_options.Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync().ConfigureAwait(false);
        _health.SetComponent(HealthComponent, $"listening on {_options.BindAddress}:{_options.Port}");
        _logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}", _options.BindAddress, _options.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync().ConfigureAwait(false);
            _health.SetComponent(HealthComponent, "stopped");
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }
}
