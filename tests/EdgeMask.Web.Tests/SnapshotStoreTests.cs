using EdgeMask.Mqtt;
using EdgeMask.TestSupport;
using EdgeMask.Web.Snapshots;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Tests;

public sealed class SnapshotStoreTests
{
    [Fact]
    public void Retention_DropsTheOldestPastTheCountLimit()
    {
        var directory = RepoPaths.NewTempDirectory("snapshots-count");
        var store = Store(directory, maxCount: 3, maxBytes: 1_000_000);
        var ids = Enumerable.Range(0, 5).Select(_ => SnapshotIds.Of(Guid.NewGuid())).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(store.TrySave(ids[i], new byte[100]));
            File.SetLastWriteTimeUtc(Path.Combine(directory, ids[i] + ".jpg"), DateTime.UtcNow.AddMinutes(i - 10));
        }

        Assert.Equal(ids[2..].Order(StringComparer.Ordinal), Directory.GetFiles(directory).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.Null(store.PathOf(ids[0]));
        Assert.NotNull(store.PathOf(ids[4]));
        Assert.Equal(2, store.Removed);
    }

    [Fact]
    public void Retention_DropsTheOldestPastTheByteLimit()
    {
        var directory = RepoPaths.NewTempDirectory("snapshots-bytes");
        var store = Store(directory, maxCount: 100, maxBytes: 70_000);
        var first = SnapshotIds.Of(Guid.NewGuid());
        var second = SnapshotIds.Of(Guid.NewGuid());
        Assert.True(store.TrySave(first, new byte[40_000]));
        File.SetLastWriteTimeUtc(Path.Combine(directory, first + ".jpg"), DateTime.UtcNow.AddMinutes(-1));
        Assert.True(store.TrySave(second, new byte[40_000]));

        Assert.Null(store.PathOf(first));
        Assert.NotNull(store.PathOf(second));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("")]
    public void PathOf_AnythingButAnId_IsNothing(string id)
    {
        var store = Store(RepoPaths.NewTempDirectory("snapshots-ids"), 10, 1_000_000);
        Assert.Null(store.PathOf(id));
        Assert.Throws<ArgumentException>(() => store.TrySave(id, [1]));
    }

    [SkippableFact]
    public void FullDisk_FailsQuietlyCountsAndRecoversOnceThereIsRoom()
    {
        using var tmpfs = SmallTmpfs.TryMount(64, out var whyNot);
        Skip.If(tmpfs is null, whyNot);
        var store = Store(tmpfs.Path, maxCount: 1000, maxBytes: 10L * 1024 * 1024);

        // A picture larger than the whole disk can never be stored: counted, nothing thrown, no half file left.
        Assert.False(store.TrySave(SnapshotIds.Of(Guid.NewGuid()), new byte[200_000]));
        Assert.Equal(1, store.Failed);
        Assert.Empty(Directory.GetFiles(tmpfs.Path));

        // Small ones fill the disk; when it is full, the oldest make room for the next.
        var stored = 0;
        for (var i = 0; i < 40; i++)
        {
            stored += store.TrySave(SnapshotIds.Of(Guid.NewGuid()), new byte[8_000]) ? 1 : 0;
        }

        Assert.True(stored >= 30, $"only {stored} of 40 stored on a full disk");
        Assert.NotEmpty(Directory.GetFiles(tmpfs.Path, "*.jpg"));
        Assert.Empty(Directory.GetFiles(tmpfs.Path, "*.tmp"));
    }

    private static SnapshotStore Store(string directory, int maxCount, long maxBytes) => new(
        Options.Create(new SnapshotOptions { Directory = directory, MaxCount = maxCount, MaxBytes = maxBytes }),
        NullLogger<SnapshotStore>.Instance);
}
