using EdgeMask.Capture.Tests.Support;
using EdgeMask.Core.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeMask.Capture.Tests;

public class CaptureServiceTests
{
    [Fact]
    public async Task MissingCamera_KeepsRunningOfflineAndRetriesWithGrowingBackoff()
    {
        var time = new SignalingTimeProvider();
        var options = new CaptureOptions
        {
            Source = CaptureSourceKind.Camera,
            Device = "/dev/video99",
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(4),
        };
        var factory = new FrameSourceFactory(Options.Create(options), time, NullLoggerFactory.Instance);
        await using var harness = await Harness.StartAsync(options, factory, time);

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var delay = await time.NextDelayAsync();
            delays.Add(delay);

            var health = harness.Health.Snapshot();
            Assert.Equal(CameraState.Offline, health.Camera);
            Assert.StartsWith("camera /dev/video99 does not exist", health.CameraDetail);
            Assert.Equal(attempt, health.CameraReconnects);
            Assert.False(harness.Service.ExecuteTask!.IsCompleted, "capture must keep running without a camera");
            time.Advance(delay);
        }

        Assert.InRange(delays[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(delays[1].TotalSeconds, 1.6, 2.4);
        Assert.All(delays.Skip(2), d => Assert.InRange(d.TotalSeconds, 3.2, 4));
    }

    [Fact]
    public async Task SourceThatStopsDelivering_WatchdogReportsOfflineAndFramesReturnOnReconnect()
    {
        var time = new SignalingTimeProvider();
        var camera = new SimulatedCamera();
        var options = new CaptureOptions { FrameTimeout = TimeSpan.FromSeconds(5), ReconnectInitialDelay = TimeSpan.FromSeconds(1) };
        await using var harness = await Harness.StartAsync(options, camera, time);

        await camera.ExpectAsync("open");
        await camera.ExpectAsync("read");
        camera.Push(10);
        using (var first = await harness.NextFrameAsync())
        {
            Assert.Equal((1L, 10.0), (first.Sequence, first.Image.Mean().Val0));
        }

        Assert.Equal((CameraState.Online, SimulatedCamera.Name), (harness.Health.Snapshot().Camera, harness.Health.Snapshot().CameraDetail));

        // The camera stalls: nothing is pushed while the next read waits.
        await camera.ExpectAsync("read");
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, camera.Closes);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await camera.ExpectAsync("close");
        var backoff = await time.NextDelayAsync();

        var offline = harness.Health.Snapshot();
        Assert.Equal(CameraState.Offline, offline.Camera);
        Assert.Equal("no frame from simulated camera for 5 s (Capture:FrameTimeout)", offline.CameraDetail);
        Assert.Equal(1, offline.CameraReconnects);

        // Frames come back after the backoff.
        time.Advance(backoff);
        await camera.ExpectAsync("open");
        await camera.ExpectAsync("read");
        camera.Push(20);
        using (var second = await harness.NextFrameAsync())
        {
            Assert.Equal((2L, 20.0), (second.Sequence, second.Image.Mean().Val0));
        }

        var online = harness.Health.Snapshot();
        Assert.Equal((CameraState.Online, 1L, 2L), (online.Camera, online.CameraReconnects, online.FramesCaptured));
        Assert.Equal(2, camera.Opens);
    }

    [Fact]
    public async Task FileWithoutLoop_DeliversEveryFrameThenCompletesTheChannel()
    {
        var options = new CaptureOptions
        {
            Source = CaptureSourceKind.File,
            Path = TestClips.Clip,
            Pacing = FilePacing.AsFastAsPossible,
            DropFrames = false,
        };
        var factory = new FrameSourceFactory(Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance);
        await using var harness = await Harness.StartAsync(options, factory, TimeProvider.System);

        var indexes = new List<int>();
        await foreach (var frame in harness.Channel.Reader.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            using (frame)
            {
                indexes.Add(TestClips.IndexOf(frame.Image));
            }
        }

        Assert.Equal(Enumerable.Range(0, TestClips.FrameCount), indexes);
        await harness.Service.ExecuteTask!.WaitAsync(Waits.Timeout);
        var health = harness.Health.Snapshot();
        Assert.Equal((CameraState.Online, TestClips.FrameCount, 0L), (health.Camera, health.FramesCaptured, health.FramesDropped));
    }

    [Fact]
    public async Task Stop_WhileWaitingToReconnect_CompletesTheChannel()
    {
        var time = new SignalingTimeProvider();
        var options = new CaptureOptions { Device = "/dev/video99" };
        var factory = new FrameSourceFactory(Options.Create(options), time, NullLoggerFactory.Instance);
        var harness = await Harness.StartAsync(options, factory, time);
        await time.NextDelayAsync();

        await harness.DisposeAsync();

        Assert.True(harness.Channel.Reader.Completion.IsCompleted);
        Assert.True(harness.Service.ExecuteTask!.IsCompletedSuccessfully);
    }

    private sealed class Harness : IAsyncDisposable
    {
        private Harness(CaptureService service, FrameChannel channel, PipelineHealth health)
        {
            Service = service;
            Channel = channel;
            Health = health;
        }

        public CaptureService Service { get; }

        public FrameChannel Channel { get; }

        public PipelineHealth Health { get; }

        public static async Task<Harness> StartAsync(CaptureOptions options, IFrameSourceFactory factory, TimeProvider time)
        {
            var health = new PipelineHealth(time);
            var channel = new FrameChannel(options.ChannelCapacity, options.DropFrames ? FrameChannelMode.DropOldest : FrameChannelMode.Wait, health);
            var service = new CaptureService(factory, channel, health, Options.Create(options), time, NullLogger<CaptureService>.Instance);
            await service.StartAsync(CancellationToken.None);
            return new Harness(service, channel, health);
        }

        public async Task<Frame> NextFrameAsync() => await Channel.Reader.ReadAsync().AsTask().WaitAsync(Waits.Timeout);

        public async ValueTask DisposeAsync()
        {
            await Service.StopAsync(CancellationToken.None).WaitAsync(Waits.Timeout);
            Service.Dispose();
            while (Channel.Reader.TryRead(out var frame))
            {
                frame.Dispose();
            }
        }
    }
}
