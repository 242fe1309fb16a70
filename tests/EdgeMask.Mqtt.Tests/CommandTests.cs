using EdgeMask.TestSupport.Mqtt;
using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeMask.Core.Control;
using EdgeMask.Mqtt.Commands;
using EdgeMask.Mqtt.Tests.Support;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Mqtt.Tests;

public sealed class CommandTests
{
    private static readonly MqttTopics Topics = new("edgemask/door-1", "door-1");

    private static (CommandProcessor Processor, RuntimeControls Controls) NewProcessor()
    {
        var controls = new RuntimeControls();
        return (new CommandProcessor(controls, Topics, 1024, new FakeTimeProvider(), NullLogger.Instance), controls);
    }

    private static CommandAck Send(CommandProcessor processor, string topic, string payload) =>
        processor.Handle(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)))!;

    [Theory]
    [InlineData("buzzer_muted", "ON")]
    [InlineData("buzzer_muted", "true")]
    [InlineData("detection_paused", "on")]
    [InlineData("min_confidence", "0.8")]
    [InlineData("min_distance_meters", "1.2")]
    public void Handle_ValidSingleValueCommand_IsAppliedAndAcked(string command, string payload)
    {
        var (processor, controls) = NewProcessor();

        var ack = Send(processor, Topics.Command(command), payload);

        Assert.True(ack.Ok, ack.Error);
        Assert.Null(ack.Error);
        Assert.Equal(command, ack.Command);
        Assert.True(controls.BuzzerMuted || controls.DetectionPaused || controls.MaskConfidenceThreshold == 0.8 || controls.MinDistanceMeters == 1.2);
    }

    [Theory]
    [InlineData("buzzer_muted", "maybe", "expects ON or OFF")]
    [InlineData("min_confidence", "1.5", "(0, 1]")]
    [InlineData("min_confidence", "NaN", "(0, 1]")]
    [InlineData("min_distance_meters", "-1", "(0, 20]")]
    [InlineData("self_destruct", "ON", "unknown command 'self_destruct'")]
    [InlineData("buzzer_muted/extra", "ON", "unknown command")]
    [InlineData("", "[1,2]", "must be a JSON object")]
    [InlineData("", "{not json", "not valid JSON")]
    [InlineData("", "{\"buzzer_muted\":\"ON\",\"volume\":11}", "unknown command 'volume'")]
    [InlineData("", "{}", "no command")]
    public void Handle_BadCommand_IsRejectedWithReason_AndChangesNothing(string command, string payload, string reason)
    {
        var (processor, controls) = NewProcessor();
        var topic = command.Length == 0 ? Topics.CommandRoot : Topics.Command(command);

        var ack = Send(processor, topic, payload);

        Assert.False(ack.Ok);
        Assert.Contains(reason, ack.Error, StringComparison.Ordinal);
        Assert.False(controls.BuzzerMuted);
        Assert.Null(controls.MaskConfidenceThreshold);
    }

    [Fact]
    public void Handle_OversizedPayload_IsRejectedUnread()
    {
        var (processor, controls) = NewProcessor();

        var ack = Send(processor, Topics.Command("buzzer_muted"), "ON" + new string(' ', 2000));

        Assert.False(ack.Ok);
        Assert.Contains("exceeds Mqtt:Commands:MaxPayloadBytes (1024)", ack.Error, StringComparison.Ordinal);
        Assert.False(controls.BuzzerMuted);
    }

    [Fact]
    public void Handle_InvalidUtf8_IsRejected()
    {
        var (processor, _) = NewProcessor();

        var ack = processor.Handle(Topics.Command("buzzer_muted"), new ReadOnlySequence<byte>([0xC3, 0x28]))!;

        Assert.False(ack.Ok);
        Assert.Contains("UTF-8", ack.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_JsonCommand_AppliesAllAndEchoesRequestId()
    {
        var (processor, controls) = NewProcessor();
        const string payload = "{\"request_id\":\"r-7\",\"buzzer_muted\":true,\"min_confidence\":0.75,\"min_distance_meters\":\"reset\"}";
        PayloadSchemas.AssertValid(PayloadSchemas.Command, payload);

        var ack = Send(processor, Topics.CommandRoot, payload);

        Assert.True(ack.Ok, ack.Error);
        Assert.Equal("r-7", ack.RequestId);
        Assert.True(controls.BuzzerMuted);
        Assert.Equal(0.75, controls.MaskConfidenceThreshold);
        Assert.Null(controls.MinDistanceMeters);
    }

    [Fact]
    public void Handle_JsonCommandWithOneBadValue_AppliesNone()
    {
        var (processor, controls) = NewProcessor();

        var ack = Send(processor, Topics.CommandRoot, "{\"buzzer_muted\":\"ON\",\"min_confidence\":3}");

        Assert.False(ack.Ok);
        Assert.False(controls.BuzzerMuted);
    }

    [Fact]
    public void Handle_OtherTopic_IsNotACommand()
    {
        var (processor, _) = NewProcessor();

        Assert.Null(processor.Handle("edgemask/door-2/set/buzzer_muted", ReadOnlySequence<byte>.Empty));
    }

    [Fact]
    public async Task CommandsOverMqtt_ValidChangeControls_BadOnesAreAckedWithErrors_DaemonKeepsRunning()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/state"]);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));
        await probe.WaitForTopicAsync("edgemask/door-1/state");

        async Task<JsonElement> AckFor(string topic, string payload)
        {
            bool IsAck(ReceivedMessage m) => m.Topic == "edgemask/door-1/state" && m.Payload.Contains($"\"topic\":\"{topic}\"", StringComparison.Ordinal);
            var seen = probe.Messages.Count(IsAck);
            await probe.PublishAsync(topic, payload);
            var acks = await probe.WaitForAsync(IsAck, seen + 1, what: $"ack for {topic}");
            PayloadSchemas.AssertValid(PayloadSchemas.State, acks[^1].Payload);
            return JsonDocument.Parse(acks[^1].Payload).RootElement;
        }

        var muted = await AckFor("edgemask/door-1/set/buzzer_muted", "ON");
        Assert.True(muted.GetProperty("last_command").GetProperty("ok").GetBoolean());
        Assert.Equal("ON", muted.GetProperty("buzzer_muted").GetString());
        Assert.True(daemon.Controls.BuzzerMuted);

        var unknown = await AckFor("edgemask/door-1/set/self_destruct", "ON");
        Assert.False(unknown.GetProperty("last_command").GetProperty("ok").GetBoolean());
        Assert.Contains("unknown command", unknown.GetProperty("last_command").GetProperty("error").GetString(), StringComparison.Ordinal);

        var oversized = await AckFor("edgemask/door-1/set/min_confidence", new string('9', 5000));
        Assert.Contains("exceeds", oversized.GetProperty("last_command").GetProperty("error").GetString(), StringComparison.Ordinal);

        var malformed = await AckFor("edgemask/door-1/set", "{\"request_id\":\"x1\",\"min_confidence\":");
        Assert.Contains("not valid JSON", malformed.GetProperty("last_command").GetProperty("error").GetString(), StringComparison.Ordinal);

        var json = await AckFor("edgemask/door-1/set", "{\"request_id\":\"x2\",\"detection_paused\":\"ON\",\"min_confidence\":0.8}");
        Assert.Equal("x2", json.GetProperty("last_command").GetProperty("request_id").GetString());
        Assert.Equal(0.8, json.GetProperty("min_confidence").GetDouble());
        Assert.True(daemon.Controls.DetectionPaused);
        Assert.Equal(0.8, daemon.Controls.MaskConfidenceThreshold);
        Assert.Equal("connected", daemon.MqttStatus);
    }

    [Fact]
    public async Task JsonCommand_OnTheSetTopic_IsAppliedOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/state"]);
        await using var daemon = await MqttDaemon.StartAsync(broker.Port, "door-1", RepoPaths.NewTempDirectory("outbox"));
        await probe.WaitForTopicAsync("edgemask/door-1/state");

        await probe.PublishAsync("edgemask/door-1/set", "{\"request_id\":\"once\",\"buzzer_muted\":\"ON\"}");
        await probe.WaitForAsync(m => m.Payload.Contains("\"request_id\":\"once\"", StringComparison.Ordinal), what: "the command's ack");

        // A second delivery would follow the first within milliseconds; a single-value command after it orders the wait.
        await probe.PublishAsync("edgemask/door-1/set/detection_paused", "ON");
        await probe.WaitForAsync(m => m.Payload.Contains("\"topic\":\"edgemask/door-1/set/detection_paused\"", StringComparison.Ordinal), what: "the second command's ack");
        var applied = daemon.Log.GetSnapshot().Where(r => r.Message.StartsWith("Command ", StringComparison.Ordinal) && r.Message.EndsWith("applied", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Equal(["Command buzzer_muted from edgemask/door-1/set applied", "Command detection_paused from edgemask/door-1/set/detection_paused applied"], applied);
    }

    [Theory]
    [InlineData("edgemask/door-1/set/min_confidence", "\u0000\u0007\u001b[2J\u202Eevil")]
    [InlineData("edgemask/door-1/set/\u0007bell\u202E", "ON")]
    [InlineData("edgemask/door-1/set", "{\"buzzer_muted\":\"\\u001b[31mON\\u0007\"}")]
    public void RejectedCommand_IsLoggedWithControlCharactersEscaped(string topic, string payload)
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<CommandProcessor>();
        var processor = new CommandProcessor(new RuntimeControls(), Topics, 1024, new FakeTimeProvider(), logger);

        var ack = Send(processor, topic, payload);

        Assert.False(ack.Ok);
        var line = logger.LatestRecord.Message;
        Assert.StartsWith("Command rejected from edgemask/door-1/set", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        Assert.Contains("\\u", line, StringComparison.Ordinal);
    }
}
