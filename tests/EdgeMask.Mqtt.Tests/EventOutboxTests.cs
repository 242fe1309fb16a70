using System.Text;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Mqtt.Tests;

public sealed class EventOutboxTests
{
    private static byte[] Payload(long sequence, int size = 32) => Encoding.UTF8.GetBytes($"{{\"sequence\":{sequence}}}".PadRight(size));

    [Fact]
    public void Append_FullByCount_DropsOldestAndCountsThem()
    {
        var dir = RepoPaths.NewTempDirectory("outbox");
        var outbox = EventOutbox.Open(dir, maxEvents: 3, maxBytes: 1 << 20, NullLogger.Instance);

        for (var i = 0; i < 5; i++)
        {
            outbox.Append(s => Payload(s));
        }

        Assert.Equal(3, outbox.Depth);
        Assert.Equal(2, outbox.Dropped);
        Assert.True(outbox.TryPeek(out var head));
        Assert.Equal(3, head.Sequence);
        Assert.Equal(["00000000000000000003.json", "00000000000000000004.json", "00000000000000000005.json"],
            Directory.GetFiles(dir, "*.json").Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Append_FullByBytes_DropsOldestUntilTheNewEventFits()
    {
        var dir = RepoPaths.NewTempDirectory("outbox");
        var outbox = EventOutbox.Open(dir, maxEvents: 100, maxBytes: 4096, NullLogger.Instance);

        for (var i = 0; i < 5; i++)
        {
            outbox.Append(s => Payload(s, size: 1500));
        }

        Assert.Equal(2, outbox.Depth);
        Assert.Equal(3, outbox.Dropped);
        Assert.True(outbox.Bytes <= 4096);
    }

    [Fact]
    public async Task Acknowledge_RemovesOnlyTheHead_InOrder()
    {
        var outbox = EventOutbox.Open(RepoPaths.NewTempDirectory("outbox"), 10, 1 << 20, NullLogger.Instance);
        var first = outbox.Append(s => Payload(s))!;
        var second = outbox.Append(s => Payload(s))!;

        outbox.Acknowledge(second); // not the head: ignored
        Assert.Equal(2, outbox.Depth);
        Assert.Equal(Payload(1), await outbox.ReadAsync(first, CancellationToken.None));

        outbox.Acknowledge(first);
        Assert.True(outbox.TryPeek(out var head));
        Assert.Equal(second.Sequence, head.Sequence);
        Assert.False(File.Exists(first.Path));
    }

    [Fact]
    public void Open_AfterCrash_RemovesTempFiles_KeepsEvents_AndContinuesSequence()
    {
        var dir = RepoPaths.NewTempDirectory("outbox");
        var before = EventOutbox.Open(dir, 10, 1 << 20, NullLogger.Instance);
        before.Append(s => Payload(s));
        before.Append(s => Payload(s));
        before.Acknowledge(before.TryPeek(out var head) ? head : throw new InvalidOperationException());
        File.WriteAllText(Path.Combine(dir, "00000000000000000003.json.tmp"), "{\"half");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not an event");

        var after = EventOutbox.Open(dir, 10, 1 << 20, NullLogger.Instance);

        Assert.Equal(1, after.Depth);
        Assert.Equal(2, after.LastSequence);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Equal(3, after.Append(s => Payload(s))!.Sequence);
    }

    [Fact]
    public void Open_EmptiedOutbox_ContinuesSequenceFromSequenceFile()
    {
        var dir = RepoPaths.NewTempDirectory("outbox");
        var before = EventOutbox.Open(dir, 10, 1 << 20, NullLogger.Instance);
        for (var i = 0; i < 4; i++)
        {
            var entry = before.Append(s => Payload(s))!;
            before.Acknowledge(entry);
        }

        var after = EventOutbox.Open(dir, 10, 1 << 20, NullLogger.Instance);
        Assert.Equal(0, after.Depth);
        Assert.Equal(5, after.Append(s => Payload(s))!.Sequence);
    }
}
