using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.TestSupport;
using EdgeMask.TestSupport.Mqtt;

namespace EdgeMask.Tests;

/// <summary>The whole daemon against a real mosquitto: the guarantees that only hold for the real process.</summary>
public class DaemonMqttTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static JsonObject MqttSettings(int port, string deviceId, string outbox) => new()
    {
        ["Enabled"] = true,
        ["Host"] = MosquittoBroker.Host,
        ["Port"] = port,
        ["DeviceId"] = deviceId,
        ["ReconnectMinDelay"] = "00:00:00.2",
        ["ReconnectMaxDelay"] = "00:00:01",
        ["Outbox"] = new JsonObject { ["Directory"] = outbox },
    };

    private static JsonObject OfflineCamera() => new() { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" };

    [Fact]
    public async Task Daemon_KilledWithSigkill_BrokerPublishesTheLastWillOffline()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-lwt/availability"]);
        var dir = RepoPaths.NewTempDirectory("daemon-lwt");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = OfflineCamera(),
            ["Mqtt"] = MqttSettings(broker.Port, "door-lwt", Path.Combine(dir, "outbox")),
        });

        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await probe.WaitForTopicAsync("edgemask/door-lwt/availability", payload: p => p == "online", timeout: Timeout);

        daemon.Signal(9);

        await probe.WaitForTopicAsync("edgemask/door-lwt/availability", payload: p => p == "offline", timeout: Timeout);
    }

    [Fact]
    public async Task Daemon_KilledWithSigkillWhileBrokerIsDown_DeliversTheQueuedEventsAfterRestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        var dir = RepoPaths.NewTempDirectory("daemon-outbox");
        var outbox = Path.Combine(dir, "outbox");
        var clip = SceneClips.WriteDoorClip(dir, frames: 60, withMaskedFace: false);

        // First life: a person without a mask walks past the door while the broker is down.
        var first = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Source"] = "File", ["Path"] = clip, ["Loop"] = true },
            ["Mqtt"] = MqttSettings(broker.Port, "door-kill", outbox),
        });
        await using (var daemon = EdgeMaskDaemon.Start("run", "--config", first))
        {
            await WaitForFilesAsync(outbox, "*.json", daemon);
            daemon.Signal(9);
            await daemon.WaitForExitAsync(Timeout);
        }

        var queued = Directory.GetFiles(outbox, "*.json").Length;
        Assert.True(queued >= 1);

        // Second life: the broker is back and the camera shows nobody; the queued events still arrive.
        await broker.RestartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-kill/events"]);
        var second = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = OfflineCamera(),
            ["Mqtt"] = MqttSettings(broker.Port, "door-kill", outbox),
        });
        await using var restarted = EdgeMaskDaemon.Start("run", "--config", second);

        var events = await probe.WaitForTopicAsync("edgemask/door-kill/events", count: queued, timeout: Timeout);
        var first1 = JsonDocument.Parse(events[0].Payload).RootElement;
        Assert.Equal(1, first1.GetProperty("sequence").GetInt64());
        Assert.Equal("start", first1.GetProperty("phase").GetString());
        Assert.Equal("no_mask", first1.GetProperty("kind").GetString());
        Assert.Equal(events.Select((_, i) => (long)(i + 1)), events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task TwoDaemons_OneBroker_KeepTheirTopicsApart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/+/availability", "edgemask/+/state"]);
        var dir = RepoPaths.NewTempDirectory("daemon-fleet");
        var configs = new[] { "front-door", "back-door" }.Select(id =>
        {
            var sub = Directory.CreateDirectory(Path.Combine(dir, id)).FullName;
            return EdgeMaskDaemon.WriteConfig(sub, new JsonObject
            {
                ["Capture"] = OfflineCamera(),
                ["Mqtt"] = MqttSettings(broker.Port, id, Path.Combine(sub, "outbox")),
            });
        }).ToArray();

        await using var front = EdgeMaskDaemon.Start("run", "--config", configs[0]);
        await using var back = EdgeMaskDaemon.Start("run", "--config", configs[1]);

        await probe.WaitForTopicAsync("edgemask/front-door/availability", payload: p => p == "online", timeout: Timeout);
        await probe.WaitForTopicAsync("edgemask/back-door/availability", payload: p => p == "online", timeout: Timeout);
        await probe.WaitForTopicAsync("edgemask/front-door/state", timeout: Timeout);
        await probe.WaitForTopicAsync("edgemask/back-door/state", timeout: Timeout);
        Assert.All(probe.Messages, m => Assert.Matches("^edgemask/(front-door|back-door)/(availability|state)$", m.Topic));
    }

    [Fact]
    public async Task State_CarriesTheThresholdsInForce_AndAHomeAssistantNumberChangesThem()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dir = RepoPaths.NewTempDirectory("daemon-thresholds");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = OfflineCamera(),
            ["Mqtt"] = MqttSettings(broker.Port, "porch", Path.Combine(dir, "outbox")),
            ["Scene"] = new JsonObject { ["MinDistanceMeters"] = 1.8 },
        });
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/porch/state"]);
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);

        static double? Field(ReceivedMessage m, string name) => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty(name).GetDouble();
        var first = await probe.WaitForTopicAsync("edgemask/porch/state", timeout: Timeout);
        Assert.Equal(0.5, Field(first[0], "effective_min_confidence"));
        Assert.Equal(1.8, Field(first[0], "effective_min_distance_meters"));

        // What Home Assistant's number entity sends: the value as text on its command topic.
        await probe.PublishAsync("edgemask/porch/set/min_confidence", "0.85");
        await probe.WaitForTopicAsync("edgemask/porch/state", payload: p => p.Contains("\"effective_min_confidence\":0.85", StringComparison.Ordinal), timeout: Timeout);
        PayloadSchemas.AssertValid(PayloadSchemas.State, probe.Messages[^1].Payload);
    }

    private static async Task WaitForFilesAsync(string directory, string pattern, ProcessRunner daemon)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!Directory.Exists(directory) || Directory.GetFiles(directory, pattern).Length == 0)
        {
            if (daemon.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {pattern} file appeared in {directory}. Output:\n{daemon.Output}");
            }

            await Task.Delay(100);
        }
    }
}
