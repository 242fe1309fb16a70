using System.Text;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace EdgeMask.Mqtt.Tests;

/// <summary>The outbox on a real file system that is full: a 64 KiB tmpfs.</summary>
public sealed class OutboxFullDiskTests
{
    private static byte[] Payload(long sequence) => Encoding.UTF8.GetBytes($"{{\"sequence\":{sequence}}}".PadRight(600));

    [SkippableFact]
    public void DiskFull_DropsTheOldestToKeepTheNewest_WithOneWarningAndOneSummary()
    {
        using var disk = SmallTmpfs.TryMount(64, out var whyNot);
        Skip.If(disk is null, whyNot);
        var logger = new FakeLogger();
        var outbox = EventOutbox.Open(Path.Combine(disk.Path, "outbox"), maxEvents: 1000, maxBytes: 1 << 20, logger);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(outbox.Append(Payload));
        }

        var filler = disk.Fill();
        var whileFull = Enumerable.Range(0, 4).Select(_ => outbox.Append(Payload)).ToList();

        // Each new event took the place of the oldest waiting one: 1-4 dropped in turn, 5-7 kept.
        Assert.All(whileFull, Assert.NotNull);
        Assert.Equal([5L, 6L, 7L], Directory.GetFiles(outbox.Directory, "*.json").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(4, outbox.Dropped);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);

        File.Delete(filler);
        Assert.Equal(8, outbox.Append(Payload)!.Sequence);
        var summary = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Information);
        Assert.Equal("MQTT outbox: room again; 4 oldest events were dropped (disk full)", summary.Message);
        Assert.Equal(4, outbox.Depth);
    }

    [SkippableFact]
    public void DiskFull_WithNothingToDrop_LosesTheEventsVisibly_AndRecoversByItself()
    {
        using var disk = SmallTmpfs.TryMount(64, out var whyNot);
        Skip.If(disk is null, whyNot);
        var logger = new FakeLogger();
        var directory = Path.Combine(disk.Path, "outbox");
        var outbox = EventOutbox.Open(directory, maxEvents: 1000, maxBytes: 1 << 20, logger);
        var filler = disk.Fill();

        var lost = Enumerable.Range(0, 3).Select(_ => outbox.Append(Payload)).ToList();

        Assert.All(lost, Assert.Null);
        Assert.Equal(3, outbox.Dropped);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("No space left on device", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*" + DurableFile.TempSuffix));

        File.Delete(filler);
        var stored = outbox.Append(Payload);

        // Numbers 1-3 stay taken: a consumer sees the gap before 4.
        Assert.Equal(4, stored!.Sequence);
        Assert.Equal("MQTT outbox: storing events again in " + directory + "; events 1-3 were lost", logger.LatestRecord.Message);
        var afterRestart = EventOutbox.Open(directory, 1000, 1 << 20, logger);
        Assert.Equal(5, afterRestart.Append(Payload)!.Sequence);
    }
}
