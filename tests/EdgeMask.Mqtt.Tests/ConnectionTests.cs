using EdgeMask.TestSupport.Mqtt;
using System.Text.Json;
using EdgeMask.Core.Scene;
using EdgeMask.Mqtt.Connection;
using EdgeMask.Mqtt.Tests.Support;
using EdgeMask.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeMask.Mqtt.Tests;

/// <summary>Last Will, TLS, fleets and the embedded broker.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task ConnectionDiesWithoutDisconnect_BrokerPublishesLastWillOffline()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy(broker.Port);
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/availability"]);
        await using var daemon = await MqttDaemon.StartAsync(proxy.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));
        await probe.WaitForTopicAsync("edgemask/door-1/availability", payload: p => p == "online");

        proxy.AbortAll();

        var availability = await probe.WaitForTopicAsync("edgemask/door-1/availability", payload: p => p == "offline");
        Assert.Equal("offline", availability[0].Payload);

        // The daemon reconnects by itself and says it is back.
        await probe.WaitForTopicAsync("edgemask/door-1/availability", count: 2, payload: p => p == "online");
    }

    [Fact]
    public async Task Tls_WithTestCaAndClientCertificate_Connects_AndRejectsAnUnrelatedCa()
    {
        var certs = await TestCertificates.CreateAsync();
        var tlsPort = SystemTools.FreeTcpPort();
        await using var broker = await MosquittoBroker.StartAsync(tls: new MosquittoTls(tlsPort, certs.CaFile, certs.ServerCert, certs.ServerKey, RequireClientCertificate: true));
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-tls/#"]);

        var tls = new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = "localhost",
            ["Mqtt:Tls:Enabled"] = "true",
            ["Mqtt:Tls:CaFile"] = certs.CaFile,
            ["Mqtt:Tls:ClientCertificateFile"] = certs.ClientCert,
            ["Mqtt:Tls:ClientKeyFile"] = certs.ClientKey,
        };
        await using var daemon = await MqttDaemon.StartAsync(tlsPort, "door-tls", RepoPaths.NewTempDirectory("outbox"), tls);
        await probe.WaitForTopicAsync("edgemask/door-tls/availability", payload: p => p == "online");
        await daemon.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, 1));
        await probe.WaitForTopicAsync("edgemask/door-tls/events");

        // The same settings trusting another CA must refuse the broker's certificate.
        var options = daemon.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        options.Tls.CaFile = certs.OtherCaFile;
        options.ClientId = "edgemask-wrong-ca";
        using var client = new MqttClientFactory().CreateMqttClient();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(MqttClientOptionsFactory.Create(options, daemon.Topics)));
    }

    [Fact]
    public async Task TwoDevicesOnOneBroker_KeepTheirTopicsApart_AndShareSubscriptionsWork()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var all = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/+/events", "homeassistant/switch/+/buzzer_muted/config"]);
        await using var shared = await MqttProbe.ConnectAsync(broker.Port, ["$share/dashboards/edgemask/+/events"]);
        await using var a = await MqttDaemon.StartAsync(broker.Port, "door-a", RepoPaths.NewTempDirectory("outbox"));
        await using var b = await MqttDaemon.StartAsync(broker.Port, "door-b", RepoPaths.NewTempDirectory("outbox"));

        await a.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, 1));
        await b.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.TooClose, IncidentPhase.Start, 2, 3));

        var events = await all.WaitForAsync(m => m.Topic.EndsWith("/events", StringComparison.Ordinal), count: 2, what: "events");
        foreach (var message in events)
        {
            var device = JsonDocument.Parse(message.Payload).RootElement.GetProperty("device_id").GetString();
            Assert.Equal($"edgemask/{device}/events", message.Topic);
        }

        Assert.Equal(["door-a", "door-b"], events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("device_id").GetString()).Order());
        var discovery = await all.WaitForAsync(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal), count: 2, what: "discovery");
        Assert.Equal(2, discovery.Select(d => JsonDocument.Parse(d.Payload).RootElement.GetProperty("unique_id").GetString()).Distinct().Count());
        await shared.WaitForAsync(m => m.Topic.EndsWith("/events", StringComparison.Ordinal), count: 2, what: "shared-subscription events");
    }

    [Fact]
    public async Task EmbeddedBroker_AcceptsClients_AndTheDaemonPublishesIntoIt()
    {
        var port = SystemTools.FreeTcpPort();
        var embedded = new Dictionary<string, string?>
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:EmbeddedBroker:BindAddress"] = "127.0.0.1",
        };
        await using var daemon = await MqttDaemon.StartAsync(port, "standalone", RepoPaths.NewTempDirectory("outbox"), embedded);
        await using var probe = await MqttProbe.ConnectAsync(port, ["edgemask/standalone/#"]);

        // Stats arrive every second, so they show the daemon is connected however the probe's subscription and
        // the daemon's first publishes interleave inside the broker.
        await probe.WaitForTopicAsync("edgemask/standalone/stats");
        await daemon.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, 1));
        var events = await probe.WaitForTopicAsync("edgemask/standalone/events");
        PayloadSchemas.AssertValid(PayloadSchemas.Event, events[0].Payload);
        await using var dashboard = await MqttProbe.ConnectAsync(port, ["edgemask/standalone/availability"]);
        await dashboard.WaitForTopicAsync("edgemask/standalone/availability", payload: p => p == "online");
        Assert.StartsWith("listening on 127.0.0.1:", daemon.Health.Snapshot().Components["mqtt-broker"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_IsLoggedOnceAsARefusedLogin_NeverAsConnected_AndTheRetriesBackOff()
    {
        await using var broker = await MosquittoBroker.StartAsync(login: new MosquittoLogin("door", "the-right-one"));
        var passwordFile = Path.Combine(RepoPaths.NewTempDirectory("secrets"), "mqtt-password");
        await File.WriteAllTextAsync(passwordFile, "a-wrong-one\n");
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"), new Dictionary<string, string?>
        {
            ["Mqtt:Username"] = "door",
            ["Mqtt:PasswordFile"] = passwordFile,
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.100",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:30",
        });

        await Task.Delay(TimeSpan.FromSeconds(4));

        var records = daemon.Log.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Message.StartsWith("MQTT connected", StringComparison.Ordinal));
        var refused = Assert.Single(records, r => r.Message.Contains("broker refused the login", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, refused.Level);
        Assert.Matches("bad user name or password|not authorised", refused.Message);
        Assert.StartsWith("disconnected: broker refused the login", daemon.MqttStatus, StringComparison.Ordinal);

        // Doubling from 0.1 s (+-20 %) allows 5-6 attempts in 4 s; a backoff reset after each refusal would allow ~30.
        var attempts = System.Text.RegularExpressions.Regex.Count(broker.Log, "New connection from");
        Assert.InRange(attempts, 2, 7);
    }

    [Fact]
    public async Task EmbeddedBroker_WithALogin_RefusesAnonymousAndWrongPasswords_AndTheDaemonLogsIntoIt()
    {
        var port = SystemTools.FreeTcpPort();
        var passwordFile = Path.Combine(RepoPaths.NewTempDirectory("secrets"), "broker-password");
        await File.WriteAllTextAsync(passwordFile, "door-secret\n");
        await using var daemon = await MqttDaemon.StartAsync(port, "guarded", RepoPaths.NewTempDirectory("outbox"), new Dictionary<string, string?>
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:EmbeddedBroker:Username"] = "sentinel",
            ["Mqtt:EmbeddedBroker:PasswordFile"] = passwordFile,
            ["Mqtt:Username"] = "sentinel",
            ["Mqtt:PasswordFile"] = passwordFile,
        });

        var anonymous = await Assert.ThrowsAsync<InvalidOperationException>(() => MqttProbe.ConnectAsync(port, ["#"]));
        Assert.Contains("BadUserNameOrPassword", anonymous.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => MqttProbe.ConnectAsync(port, ["#"], login: new MosquittoLogin("sentinel", "door-secreT")));

        // Stats arrive every second: the daemon logged into its own broker, and the right login reads them.
        await using var dashboard = await MqttProbe.ConnectAsync(port, ["edgemask/guarded/stats"], login: new MosquittoLogin("sentinel", "door-secret"));
        await dashboard.WaitForTopicAsync("edgemask/guarded/stats");
        Assert.Equal("connected", daemon.MqttStatus);
    }

    [Fact]
    public async Task TwoDevicesWithOneClientId_EachSaysSoOnceAsAnError_AndTheirReconnectsBackOff()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new Dictionary<string, string?> { ["Mqtt:ReconnectMinDelay"] = "00:00:00.100", ["Mqtt:ReconnectMaxDelay"] = "00:00:30" };
        await using var first = await MqttDaemon.StartAsync(broker.Port, "raspberrypi", RepoPaths.NewTempDirectory("outbox"), settings);
        await using var second = await MqttDaemon.StartAsync(broker.Port, "raspberrypi", RepoPaths.NewTempDirectory("outbox"), settings);

        await Task.Delay(TimeSpan.FromSeconds(6));

        foreach (var daemon in new[] { first, second })
        {
            var records = daemon.Log.GetSnapshot();
            var takeover = Assert.Single(records, r => r.Message.Contains("another device connects with the same client id ('edgemask-raspberrypi')", StringComparison.Ordinal));
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, takeover.Level);
            Assert.Contains("give each device its own Mqtt:DeviceId", takeover.Message, StringComparison.Ordinal);
            // The first connection, and the one before the diagnosis; the flapping after it is at debug level.
            Assert.InRange(records.Count(r => r.Message.StartsWith("MQTT connected", StringComparison.Ordinal)), 1, 2);
        }

        // Doubling from 0.1 s allows each device about 6 connections in 6 s; retrying at the shortest delay, ~60.
        var connections = System.Text.RegularExpressions.Regex.Count(broker.Log, "New client connected");
        Assert.InRange(connections, 3, 16);
    }
}
