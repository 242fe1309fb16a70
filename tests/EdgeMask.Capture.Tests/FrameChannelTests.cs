using EdgeMask.Core.Health;
using OpenCvSharp;

namespace EdgeMask.Capture.Tests;

public class FrameChannelTests
{
    private readonly PipelineHealth _health = new(TimeProvider.System);

    [Fact]
    public async Task Write_1000FramesToCapacityOneWithSlowConsumer_NeverHoldsMoreThanOneAndCountsEveryDrop()
    {
        var channel = new FrameChannel(1, FrameChannelMode.DropOldest, _health);
        using var pool = new MatPool(3);
        var consumed = new List<long>();

        for (var sequence = 1; sequence <= 1000; sequence++)
        {
            var mat = pool.Rent();
            mat.Create(8, 8, MatType.CV_8UC3);
            Assert.True(await channel.WriteAsync(new Frame(mat, sequence, DateTimeOffset.UnixEpoch, pool.Return), CancellationToken.None));
            Assert.Equal(1, channel.Count);

            // The consumer keeps up with one frame in fifty.
            if (sequence % 50 == 0)
            {
                Assert.True(channel.Reader.TryRead(out var frame));
                using (frame)
                {
                    consumed.Add(frame.Sequence);
                }
            }
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => i * 50L), consumed);
        Assert.Equal(1000 - consumed.Count, channel.Dropped);
        Assert.Equal(channel.Dropped, _health.Snapshot().FramesDropped);
        Assert.True(pool.Created <= 3, $"dropped frames must return their Mat for reuse; {pool.Created} Mats were created");
    }

    [Fact]
    public async Task Write_WaitModeWithSlowConsumer_DeliversEveryFrameInOrder()
    {
        var channel = new FrameChannel(1, FrameChannelMode.Wait, _health);
        var consumer = Task.Run(async () =>
        {
            var sequences = new List<long>();
            await foreach (var frame in channel.Reader.ReadAllAsync())
            {
                using (frame)
                {
                    sequences.Add(frame.Sequence);
                }
            }

            return sequences;
        });

        for (var sequence = 1; sequence <= 200; sequence++)
        {
            await channel.WriteAsync(new Frame(new Mat(), sequence, DateTimeOffset.UnixEpoch), CancellationToken.None);
            Assert.True(channel.Count <= 1);
        }

        channel.Complete();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), await consumer.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, channel.Dropped);
    }

    [Fact]
    public async Task Write_AfterComplete_DisposesTheFrameAndReturnsFalse()
    {
        var channel = new FrameChannel(2, FrameChannelMode.DropOldest, _health);
        using var pool = new MatPool(2);
        channel.Complete();

        var written = await channel.WriteAsync(new Frame(pool.Rent(), 1, DateTimeOffset.UnixEpoch, pool.Return), CancellationToken.None);

        Assert.False(written);
        Assert.Equal(1, pool.Available);
    }

    [Fact]
    public async Task Write_WaitModeCancelledWhileFull_DisposesTheFrame()
    {
        var channel = new FrameChannel(1, FrameChannelMode.Wait, _health);
        using var pool = new MatPool(2);
        await channel.WriteAsync(new Frame(pool.Rent(), 1, DateTimeOffset.UnixEpoch, pool.Return), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var blocked = channel.WriteAsync(new Frame(pool.Rent(), 2, DateTimeOffset.UnixEpoch, pool.Return), cancel.Token).AsTask();
        Assert.False(blocked.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        Assert.Equal(1, pool.Available);
        Assert.Equal(1, channel.Count);
    }

    [Fact]
    public void Return_BeyondTheLimit_ReleasesTheMat()
    {
        using var pool = new MatPool(1);
        var kept = pool.Rent();
        var extra = pool.Rent();

        pool.Return(kept);
        pool.Return(extra);

        Assert.Equal(1, pool.Available);
        Assert.True(extra.IsDisposed);
        Assert.Same(kept, pool.Rent());
    }
}
