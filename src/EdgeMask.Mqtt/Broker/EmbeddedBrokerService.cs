using System.Net;
using EdgeMask.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace EdgeMask.Mqtt.Broker;

/// <summary>
/// An MQTTnet broker inside the daemon, for a standalone sentinel on a network with no broker. Plain TCP, plus MQTT
/// over WebSocket (Kestrel) into the same broker when enabled; retained messages kept in memory. Anonymous on
/// loopback; with Username and PasswordFile every client must log in (required on any other address).
/// Registered before the connection loop so the daemon's own client finds it.
/// </summary>
internal sealed class EmbeddedBrokerService : IHostedService, IAsyncDisposable
{
    public const string HealthComponent = "mqtt-broker";

    private readonly EmbeddedBrokerOptions _options;
    private readonly PipelineHealth _health;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<EmbeddedBrokerService> _logger;
    private MqttServer? _server;
    private WebSocketBrokerListener? _webSocket;

    public EmbeddedBrokerService(IOptions<MqttOptions> options, PipelineHealth health, ILoggerFactory loggerFactory)
    {
        _options = options.Value.Enabled ? options.Value.EmbeddedBroker : new EmbeddedBrokerOptions { Enabled = false };
        _health = health;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<EmbeddedBrokerService>();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var address = IPAddress.Parse(_options.BindAddress);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(_options.Port)
            .Build();
        var factory = new MqttServerFactory();
        if (_options.WebSocket.Enabled)
        {
            _webSocket = WebSocketBrokerListener.Create(address, _options.WebSocket, _loggerFactory);
            _server = factory.CreateMqttServer(serverOptions, [new MqttTcpServerAdapter(), _webSocket.Adapter]);
        }
        else
        {
            _server = factory.CreateMqttServer(serverOptions);
        }

        if (!string.IsNullOrEmpty(_options.Username) && !string.IsNullOrEmpty(_options.PasswordFile))
        {
            var login = new BrokerLogin(_options.Username, File.ReadAllText(_options.PasswordFile).TrimEnd('\r', '\n'));
            _server.ValidatingConnectionAsync += login.Validate;
        }

        await _server.StartAsync().ConfigureAwait(false);
        var listening = $"listening on {_options.BindAddress}:{_options.Port}";
        if (_webSocket is not null)
        {
            await StartWebSocketAsync(_webSocket, cancellationToken).ConfigureAwait(false);
            listening += $" and ws://{_options.BindAddress}:{_options.WebSocket.Port}{_options.WebSocket.Path}";
        }

        _health.SetComponent(HealthComponent, listening);
        _logger.LogInformation("Embedded MQTT broker {Listening}", listening);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            // The broker first: it disconnects every client, WebSocket ones included, so Kestrel has no open connection to wait for.
            await _server.StopAsync().ConfigureAwait(false);
            if (_webSocket is not null)
            {
                await _webSocket.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            _health.SetComponent(HealthComponent, "stopped");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_webSocket is not null)
        {
            await _webSocket.DisposeAsync().ConfigureAwait(false);
            _webSocket = null;
        }

        _server?.Dispose();
        _server = null;
    }

    private async Task StartWebSocketAsync(WebSocketBrokerListener webSocket, CancellationToken cancellationToken)
    {
        try
        {
            await webSocket.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Do not leave the TCP listener running behind a start-up that failed (e.g. the WebSocket port is taken).
            await _server!.StopAsync().ConfigureAwait(false);
            throw;
        }
    }
}
