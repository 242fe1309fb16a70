using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.AspNetCore;
using MQTTnet.Server;

namespace EdgeMask.Mqtt.Broker;

/// <summary>
/// MQTT over WebSocket for the embedded broker: a minimal Kestrel host with one endpoint whose connections go to
/// <see cref="Adapter"/>, which the broker must be created with. Built only when the WebSocket listener is enabled.
/// </summary>
internal sealed class WebSocketBrokerListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MqttConnectionHandler _adapter;

    private WebSocketBrokerListener(WebApplication app, MqttConnectionHandler adapter)
    {
        _app = app;
        _adapter = adapter;
    }

    /// <summary>The broker-side adapter: pass it to the MQTT server with the TCP one, then start the server first.</summary>
    public IMqttServerAdapter Adapter => _adapter;

    public static WebSocketBrokerListener Create(IPAddress address, EmbeddedBrokerWebSocketOptions options, ILoggerFactory loggerFactory)
    {
        // The empty builder reads no appsettings, environment variables or command line: nothing but this code configures it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, ParentOwnedHostLifetime>();
        builder.Services.AddConnections();
        var adapter = new MqttConnectionHandler();
        builder.Services.AddSingleton(adapter);

        var app = builder.Build();
        // MapMqtt's mapping, limited to WebSockets: MQTT clients never negotiate long polling or server-sent events.
        app.MapConnectionHandler<MqttConnectionHandler>(options.Path, dispatcher =>
        {
            dispatcher.Transports = HttpTransportType.WebSockets;
            dispatcher.WebSockets.SubProtocolSelector = MqttSubProtocolSelector.SelectSubProtocol;
        });
        return new WebSocketBrokerListener(app, adapter);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _app.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The daemon's host owns signals and shutdown; the inner web host must not install console handlers of its own.</summary>
    private sealed class ParentOwnedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
