using EdgeMask.TestSupport.Mqtt;
using System.Text.Json;
using EdgeMask.Core.Scene;
using EdgeMask.Mqtt.Tests.Support;
using EdgeMask.TestSupport;

namespace EdgeMask.Mqtt.Tests;

/// <summary>Never lose an event: broker outages and daemon restarts, against a real mosquitto.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task BrokerStoppedDuringEvents_EveryEventArrivesInOrderAfterItReturns()
    {
        // Persistence keeps the probe's session, so events published before the probe reconnects are queued for it.
        await using var broker = await MosquittoBroker.StartAsync(persistence: true);
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/events"], persistentSession: true);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));

        for (var i = 0; i < 5; i++)
        {
            await daemon.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, i));
        }

        await probe.WaitForTopicAsync("edgemask/door-1/events", count: 5);

        await broker.StopAsync();
        for (var i = 5; i < 30; i++)
        {
            await daemon.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, i));
        }

        await broker.RestartAsync();
        await probe.ReconnectAsync();

        var events = await probe.WaitForTopicAsync("edgemask/door-1/events", count: 30);
        var sequences = events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("sequence").GetInt64()).ToArray();
        // At least once: a repeat is allowed (same event id), a gap or a reordering is not.
        var distinct = sequences.Distinct().ToArray();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), distinct);
        Assert.Equal(distinct, distinct.Order());
        var tracks = events.DistinctBy(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("event_id").GetGuid())
            .Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("track_ids")[0].GetInt32());
        Assert.Equal(Enumerable.Range(0, 30), tracks);
    }

    [Fact]
    public async Task OutboxReopenedAfterCrash_DeliversQueuedEventsInOrder_AndSequenceContinues()
    {
        var outbox = RepoPaths.NewTempDirectory("outbox");
        var unreachable = SystemTools.FreeTcpPort();

        // First life: no broker reachable, so the events stay in the outbox.
        var first = await MqttDaemon.StartAsync(unreachable, "door-1", outbox);
        for (var i = 0; i < 3; i++)
        {
            await first.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, i));
        }

        await first.DisposeAsync();
        Assert.Equal(3, Directory.GetFiles(outbox, "*.json").Length);

        // A crash in the middle of writing the next event leaves a half-written temp file behind.
        var torn = Path.Combine(outbox, "00000000000000000004.json.tmp");
        await File.WriteAllTextAsync(torn, "{\"schema_version\":1,\"event_id\":\"");

        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/events"]);
        await using var second = await MqttDaemon.StartAsync(broker.Port, "door-1", outbox);

        var replayed = await probe.WaitForTopicAsync("edgemask/door-1/events", count: 3);
        Assert.Equal([1L, 2L, 3L], replayed.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("sequence").GetInt64()));
        Assert.All(replayed, e => PayloadSchemas.AssertValid(PayloadSchemas.Event, e.Payload));
        Assert.False(File.Exists(torn));

        await second.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.End, 9));
        var all = await probe.WaitForTopicAsync("edgemask/door-1/events", count: 4);
        Assert.Equal(4, JsonDocument.Parse(all[3].Payload).RootElement.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task DaemonRestartWithEmptyOutbox_ContinuesSequence()
    {
        var outbox = RepoPaths.NewTempDirectory("outbox");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/events"]);

        await using (var first = await MqttDaemon.StartAsync(broker.Port, "door-1", outbox))
        {
            await first.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.Start, 1));
            await probe.WaitForTopicAsync("edgemask/door-1/events");
        }

        Assert.Empty(Directory.GetFiles(outbox, "*.json"));
        await using var second = await MqttDaemon.StartAsync(broker.Port, "door-1", outbox);
        await second.PublishEventsAsync(MqttDaemon.Incident(Guid.NewGuid(), IncidentKind.NoMask, IncidentPhase.End, 1));
        var events = await probe.WaitForTopicAsync("edgemask/door-1/events", count: 2);
        Assert.Equal(2, JsonDocument.Parse(events[1].Payload).RootElement.GetProperty("sequence").GetInt64());
    }
}
