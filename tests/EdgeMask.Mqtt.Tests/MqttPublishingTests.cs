using EdgeMask.TestSupport.Mqtt;
using System.Text.Json;
using EdgeMask.Core.Scene;
using EdgeMask.Mqtt.Tests.Support;
using EdgeMask.TestSupport;

namespace EdgeMask.Mqtt.Tests;

/// <summary>What a running publisher puts on a real mosquitto, checked against docs/mqtt/v2.</summary>
public sealed class MqttPublishingTests
{
    private static readonly int EntityCount = HomeAssistant.HomeAssistantDiscovery.Build(new MqttTopics("edgemask/x", "x"), "0", TimeSpan.FromSeconds(1)).Count;

    [Fact]
    public async Task Connect_PublishesOnlineStateStatsAndDiscovery_MatchingSchemas()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/#", "homeassistant/#"]);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));

        await probe.WaitForTopicAsync("edgemask/door-1/availability", payload: p => p == "online");
        var state = (await probe.WaitForTopicAsync("edgemask/door-1/state"))[0];
        PayloadSchemas.AssertValid(PayloadSchemas.State, state.Payload);
        using (var json = JsonDocument.Parse(state.Payload))
        {
            Assert.Equal("OFF", json.RootElement.GetProperty("mask_violation").GetString());
            Assert.Equal("door-1", json.RootElement.GetProperty("device_id").GetString());
        }

        var discovery = await probe.WaitForAsync(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal), count: EntityCount, what: "discovery config");
        string[] onlyWhileSeeing = ["mask_violation", "distance_violation", "people_in_view"];
        foreach (var config in discovery)
        {
            PayloadSchemas.AssertValid(PayloadSchemas.Discovery, config.Payload);
            using var json = JsonDocument.Parse(config.Payload);
            var root = json.RootElement;
            Assert.Equal("edgemask_door-1", root.GetProperty("device").GetProperty("identifiers")[0].GetString());
            if (onlyWhileSeeing.Any(id => config.Topic.EndsWith($"/{id}/config", StringComparison.Ordinal)))
            {
                // Unavailable, not "OFF", while the camera is away or detection is paused.
                Assert.Equal("all", root.GetProperty("availability_mode").GetString());
                var conditions = root.GetProperty("availability").EnumerateArray().ToList();
                Assert.Equal(["edgemask/door-1/availability", "edgemask/door-1/state"], conditions.Select(c => c.GetProperty("topic").GetString()));
                Assert.Equal(HomeAssistant.HomeAssistantDiscovery.SeeingTemplate, conditions[1].GetProperty("value_template").GetString());
            }
            else
            {
                Assert.Equal("edgemask/door-1/availability", root.GetProperty("availability_topic").GetString());
            }

            if (root.GetProperty("state_topic").GetString() == "edgemask/door-1/stats")
            {
                Assert.Equal(3, root.GetProperty("expire_after").GetInt32());
            }
        }

        var topics = discovery.Select(d => d.Topic).ToHashSet();
        Assert.Contains("homeassistant/binary_sensor/door-1/mask_violation/config", topics);
        Assert.Contains("homeassistant/binary_sensor/door-1/distance_violation/config", topics);
        Assert.Contains("homeassistant/binary_sensor/door-1/camera/config", topics);
        Assert.Contains("homeassistant/sensor/door-1/people_in_view/config", topics);
        Assert.Contains("homeassistant/sensor/door-1/cpu_temperature/config", topics);
        Assert.Contains("homeassistant/sensor/door-1/outbox_depth/config", topics);
        Assert.Contains("homeassistant/switch/door-1/buzzer_muted/config", topics);
        Assert.Contains("homeassistant/switch/door-1/detection_paused/config", topics);
        Assert.Contains("homeassistant/binary_sensor/door-1/blind/config", topics);
        Assert.Contains("homeassistant/sensor/door-1/people_seen/config", topics);
        Assert.Contains("homeassistant/sensor/door-1/last_command/config", topics);
        var incident = JsonDocument.Parse(discovery.Single(d => d.Topic == "homeassistant/event/door-1/incident/config").Payload).RootElement;
        Assert.Equal("edgemask/door-1/events", incident.GetProperty("state_topic").GetString());
        Assert.Contains("too_close_start", incident.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
        var confidence = JsonDocument.Parse(discovery.Single(d => d.Topic == "homeassistant/number/door-1/min_confidence/config").Payload).RootElement;
        Assert.Equal("edgemask/door-1/set/min_confidence", confidence.GetProperty("command_topic").GetString());
        Assert.Equal("{{ value_json.effective_min_confidence }}", confidence.GetProperty("value_template").GetString());
        Assert.Contains("homeassistant/number/door-1/min_distance_meters/config", topics);
        Assert.Equal(20, EntityCount);
        Assert.Equal(EntityCount, discovery.Select(d => JsonDocument.Parse(d.Payload).RootElement.GetProperty("unique_id").GetString()).Distinct().Count());

        // Stats come every Mqtt:StatsInterval (1 s here): two prove the timer.
        var stats = await probe.WaitForTopicAsync("edgemask/door-1/stats", count: 2);
        foreach (var message in stats)
        {
            PayloadSchemas.AssertValid(PayloadSchemas.Stats, message.Payload);
        }

        // Home Assistant restarting announces itself: discovery is sent again.
        var before = probe.Messages.Count(m => m.Topic == "homeassistant/switch/door-1/buzzer_muted/config");
        await probe.PublishAsync("homeassistant/status", "online");
        await probe.WaitForTopicAsync("homeassistant/switch/door-1/buzzer_muted/config", count: before + 1);

        // A clean stop says goodbye with a retained "offline".
        await daemon.StopAsync();
        await probe.WaitForTopicAsync("edgemask/door-1/availability", payload: p => p == "offline");
    }

    [Fact]
    public async Task Incident_StartUpdateEnd_ArriveInOrderWithSequenceAndMatchSchema()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/+/events"]);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));

        var incident = Guid.NewGuid();
        await daemon.PublishEventsAsync(MqttDaemon.Incident(incident, IncidentKind.TooClose, IncidentPhase.Start, 1, 2));
        await daemon.PublishEventsAsync(MqttDaemon.Incident(incident, IncidentKind.TooClose, IncidentPhase.Update, 1, 2));
        await daemon.PublishEventsAsync(MqttDaemon.Incident(incident, IncidentKind.TooClose, IncidentPhase.End, 1, 2));

        var events = await probe.WaitForTopicAsync("edgemask/door-1/events", count: 3);
        var parsed = events.Select(e => JsonDocument.Parse(e.Payload).RootElement).ToArray();
        foreach (var message in events)
        {
            PayloadSchemas.AssertValid(PayloadSchemas.Event, message.Payload);
            Assert.False(message.Retain);
        }

        Assert.Equal(["start", "update", "end"], parsed.Select(p => p.GetProperty("phase").GetString()));
        Assert.Equal([1L, 2L, 3L], parsed.Select(p => p.GetProperty("sequence").GetInt64()));
        Assert.All(parsed, p => Assert.Equal(incident, p.GetProperty("incident_id").GetGuid()));
        Assert.All(parsed, p => Assert.Equal("too_close", p.GetProperty("kind").GetString()));
        Assert.All(parsed, p => Assert.Equal("m", p.GetProperty("distance_unit").GetString()));
        Assert.Equal(3, parsed.Select(p => p.GetProperty("event_id").GetGuid()).Distinct().Count());
        Assert.Empty(Directory.GetFiles(daemon.OutboxDirectory, "*.json"));
    }

    [Fact]
    public async Task SceneChangeAndSummary_UpdateRetainedStateAndSummary()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/state", "edgemask/door-1/summary"]);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));
        await probe.WaitForTopicAsync("edgemask/door-1/state");

        var from = DateTimeOffset.UtcNow.AddHours(-1);
        await daemon.PublishAsync(new SceneState(MaskViolation: true, DistanceViolation: false, PeopleInView: 2), summary: new PeriodSummary(from, from.AddHours(1), 7, 5, 2, 1));

        var state = (await probe.WaitForTopicAsync("edgemask/door-1/state", payload: p => p.Contains("\"mask_violation\":\"ON\"", StringComparison.Ordinal)))[0];
        PayloadSchemas.AssertValid(PayloadSchemas.State, state.Payload);
        Assert.Equal(2, JsonDocument.Parse(state.Payload).RootElement.GetProperty("people_in_view").GetInt32());

        var summary = (await probe.WaitForTopicAsync("edgemask/door-1/summary"))[0];
        PayloadSchemas.AssertValid(PayloadSchemas.Summary, summary.Payload);
        Assert.Equal(7, JsonDocument.Parse(summary.Payload).RootElement.GetProperty("people_seen").GetInt32());

        // Retained: a subscriber arriving later still sees the latest state and summary.
        await using var late = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/state", "edgemask/door-1/summary"]);
        await late.WaitForAsync(m => m.Retain && m.Topic.EndsWith("/state", StringComparison.Ordinal) && m.Payload.Contains("\"mask_violation\":\"ON\"", StringComparison.Ordinal), what: "retained state");
        await late.WaitForAsync(m => m.Retain && m.Topic.EndsWith("/summary", StringComparison.Ordinal), what: "retained summary");
    }

    [Fact]
    public async Task RenamedDevice_ClearsTheOldNamesDiscovery_AndDisablingDiscoveryClearsTheRest()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var outbox = RepoPaths.NewTempDirectory("outbox");
        await using (var old = await MqttDaemon.StartAsync(broker.Port, "door-old", outbox))
        {
            await using var watcher = await MqttProbe.ConnectAsync(broker.Port, ["homeassistant/+/door-old/+/config"]);
            await watcher.WaitForAsync(m => m.Payload.Length > 0, count: EntityCount, what: "door-old's discovery");
            await old.StopAsync();
        }

        await using var everything = await MqttProbe.ConnectAsync(broker.Port, ["homeassistant/#"]);
        await everything.WaitForAsync(m => m.Topic.Contains("/door-old/", StringComparison.Ordinal), count: EntityCount, what: "door-old's retained configs");
        await using (var renamed = await MqttDaemon.StartAsync(broker.Port, "door-new", outbox))
        {
            var cleared = await everything.WaitForAsync(m => m.Topic.Contains("/door-old/", StringComparison.Ordinal) && m.Payload.Length == 0, count: EntityCount, what: "door-old's configs cleared");
            Assert.Equal(EntityCount, cleared.Select(m => m.Topic).Distinct().Count());
            await everything.WaitForAsync(m => m.Topic.Contains("/door-new/", StringComparison.Ordinal) && m.Payload.Length > 0, count: EntityCount, what: "door-new's configs");
            await renamed.StopAsync();
        }

        await using (var quiet = await MqttDaemon.StartAsync(broker.Port, "door-new", outbox, new Dictionary<string, string?> { ["Mqtt:HomeAssistant:Enabled"] = "false" }))
        {
            await everything.WaitForAsync(m => m.Topic.Contains("/door-new/", StringComparison.Ordinal) && m.Payload.Length == 0, count: EntityCount, what: "door-new's configs cleared");

            // Nothing of either name is left retained on the broker: a new subscriber gets live stats and no config.
            await using var late = await MqttProbe.ConnectAsync(broker.Port, ["homeassistant/#", "edgemask/door-new/stats"]);
            await late.WaitForTopicAsync("edgemask/door-new/stats", count: 2);
            Assert.DoesNotContain(late.Messages, m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal));
        }
    }
}
