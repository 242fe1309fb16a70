using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeMask.Core.Scene;
using EdgeMask.Mqtt.Tests.Support;
using EdgeMask.TestSupport;
using EdgeMask.TestSupport.Mqtt;

namespace EdgeMask.Mqtt.Tests;

/// <summary>The embedded broker's MQTT-over-WebSocket listener, with real MQTTnet clients on both transports.</summary>
public sealed class EmbeddedBrokerWebSocketTests
{
    private static Dictionary<string, string?> EmbeddedBroker(int tcpPort, int webSocketPort, bool webSocket, string? path = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:Port"] = tcpPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:EmbeddedBroker:BindAddress"] = MosquittoBroker.Host,
            ["Mqtt:EmbeddedBroker:WebSocket:Enabled"] = webSocket ? "true" : "false",
            ["Mqtt:EmbeddedBroker:WebSocket:Port"] = webSocketPort.ToString(CultureInfo.InvariantCulture),
        };
        if (path is not null)
        {
            settings["Mqtt:EmbeddedBroker:WebSocket:Path"] = path;
        }

        return settings;
    }

    private static string WebSocketUri(int port, string path = "/mqtt") => $"ws://{MosquittoBroker.Host}:{port}{path}";

    // Stats are published every second, after availability, discovery and state: once one arrives live, the retained
    // announcements are stored, and a subscriber that connects now gets them. One that subscribes while the daemon
    // is still announcing itself can race the broker's retained store (seen in CI).
    private static async Task WaitUntilAnnouncedAsync(int tcpPort, string deviceId)
    {
        await using var probe = await MqttProbe.ConnectAsync(tcpPort, [$"edgemask/{deviceId}/stats"]);
        await probe.WaitForTopicAsync($"edgemask/{deviceId}/stats");
    }

    [Fact]
    public async Task WebSocketClient_ReceivesWhatTheDaemonPublishesOverTcp()
    {
        var (tcpPort, webSocketPort) = (SystemTools.FreeTcpPort(), SystemTools.FreeTcpPort());
        await using var daemon = await MqttDaemon.StartAsync(tcpPort, "ws-door", RepoPaths.NewTempDirectory("outbox"), EmbeddedBroker(tcpPort, webSocketPort, webSocket: true));
        await WaitUntilAnnouncedAsync(tcpPort, "ws-door");
        await using var dashboard = await WebSocketMqttClient.ConnectAsync(WebSocketUri(webSocketPort), "edgemask/ws-door/#");

        // Retained availability reaches a subscriber that connected after the daemon.
        await dashboard.WaitForAsync(m => m.Topic == "edgemask/ws-door/availability" && m.Payload == "online", "availability online");
        await daemon.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, 1));

        var incident = await dashboard.WaitForAsync(m => m.Topic == "edgemask/ws-door/events", "an event");
        PayloadSchemas.AssertValid(PayloadSchemas.Event, incident.Payload);
        Assert.Equal($"listening on {MosquittoBroker.Host}:{tcpPort} and {WebSocketUri(webSocketPort)}", daemon.Health.Snapshot().Components["mqtt-broker"]);
    }

    [Fact]
    public async Task TcpClient_ReceivesWhatAWebSocketClientPublishes_AndAWebSocketCommandReachesTheDaemon()
    {
        var (tcpPort, webSocketPort) = (SystemTools.FreeTcpPort(), SystemTools.FreeTcpPort());
        await using var daemon = await MqttDaemon.StartAsync(tcpPort, "ws-door", RepoPaths.NewTempDirectory("outbox"), EmbeddedBroker(tcpPort, webSocketPort, webSocket: true));
        await WaitUntilAnnouncedAsync(tcpPort, "ws-door");
        await using var tcpProbe = await MqttProbe.ConnectAsync(tcpPort, ["dashboard/#", "edgemask/ws-door/state"]);
        await tcpProbe.WaitForTopicAsync("edgemask/ws-door/state");
        await using var dashboard = await WebSocketMqttClient.ConnectAsync(WebSocketUri(webSocketPort));

        await dashboard.PublishAsync("dashboard/hello", "from the browser");
        await dashboard.PublishAsync("edgemask/ws-door/set/buzzer_muted", "ON");

        var hello = await tcpProbe.WaitForTopicAsync("dashboard/hello");
        Assert.Equal("from the browser", hello[0].Payload);
        await tcpProbe.WaitForTopicAsync("edgemask/ws-door/state", payload: p => JsonDocument.Parse(p).RootElement.GetProperty("buzzer_muted").GetString() == "ON");
        Assert.True(daemon.Controls.BuzzerMuted);
    }

    [Fact]
    public async Task WebSocketListener_ServesOnlyItsConfiguredPath()
    {
        var (tcpPort, webSocketPort) = (SystemTools.FreeTcpPort(), SystemTools.FreeTcpPort());
        await using var daemon = await MqttDaemon.StartAsync(tcpPort, "ws-path", RepoPaths.NewTempDirectory("outbox"), EmbeddedBroker(tcpPort, webSocketPort, webSocket: true, path: "/dash/mqtt"));
        await WaitUntilAnnouncedAsync(tcpPort, "ws-path");

        await Assert.ThrowsAnyAsync<Exception>(() => WebSocketMqttClient.ConnectAsync(WebSocketUri(webSocketPort, "/mqtt")));
        await using var dashboard = await WebSocketMqttClient.ConnectAsync(WebSocketUri(webSocketPort, "/dash/mqtt"), "edgemask/ws-path/availability");
        await dashboard.WaitForAsync(m => m.Payload == "online", "availability online");
    }

    [Fact]
    public async Task WebSocketDisabled_NothingListensOnItsPort_WhileTcpStillWorks()
    {
        var (tcpPort, webSocketPort) = (SystemTools.FreeTcpPort(), SystemTools.FreeTcpPort());
        await using var daemon = await MqttDaemon.StartAsync(tcpPort, "tcp-only", RepoPaths.NewTempDirectory("outbox"), EmbeddedBroker(tcpPort, webSocketPort, webSocket: false));
        await WaitUntilAnnouncedAsync(tcpPort, "tcp-only");
        await using var tcpProbe = await MqttProbe.ConnectAsync(tcpPort, ["edgemask/tcp-only/availability"]);
        await tcpProbe.WaitForTopicAsync("edgemask/tcp-only/availability", payload: p => p == "online");

        using var socket = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Parse(MosquittoBroker.Host), webSocketPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal($"listening on {MosquittoBroker.Host}:{tcpPort}", daemon.Health.Snapshot().Components["mqtt-broker"]);
    }

    [Fact]
    public async Task WebSocketPortTaken_StartFailsNamingIt_AndReleasesTheTcpPort()
    {
        var (tcpPort, webSocketPort) = (SystemTools.FreeTcpPort(), SystemTools.FreeTcpPort());
        var squatter = new TcpListener(IPAddress.Parse(MosquittoBroker.Host), webSocketPort);
        squatter.Start();
        try
        {
            var error = await Assert.ThrowsAnyAsync<IOException>(() => MqttDaemon.StartAsync(tcpPort, "ws-taken", RepoPaths.NewTempDirectory("outbox"), EmbeddedBroker(tcpPort, webSocketPort, webSocket: true)));
            Assert.Contains(webSocketPort.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            squatter.Stop();
        }

        // The TCP listener that had started was stopped again, so the port can be bound.
        var tcp = new TcpListener(IPAddress.Parse(MosquittoBroker.Host), tcpPort);
        tcp.Start();
        tcp.Stop();
    }
}
