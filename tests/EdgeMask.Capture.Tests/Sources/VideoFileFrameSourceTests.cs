using EdgeMask.Capture.Sources;
using EdgeMask.Capture.Tests.Support;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace EdgeMask.Capture.Tests.Sources;

public class VideoFileFrameSourceTests
{
    [Fact]
    public async Task Read_MjpgClip_ReturnsEveryFrameInOrderThenEnds()
    {
        await using var source = Create(TestClips.Clip, loop: false, FilePacing.AsFastAsPossible);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var indexes = new List<int>();
        while (await source.ReadAsync(frame, CancellationToken.None))
        {
            Assert.Equal((TestClips.Width, TestClips.Height, 3), (frame.Width, frame.Height, frame.Channels()));
            indexes.Add(TestClips.IndexOf(frame));
        }

        Assert.Equal(Enumerable.Range(0, TestClips.FrameCount), indexes);
        Assert.Contains("320x240@10", source.Description);
    }

    [Fact]
    public async Task Read_Looping_StartsAgainAfterTheLastFrame()
    {
        await using var source = Create(TestClips.Clip, loop: true, FilePacing.AsFastAsPossible);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var indexes = new List<int>();
        for (var i = 0; i < (TestClips.FrameCount * 2) + 3; i++)
        {
            Assert.True(await source.ReadAsync(frame, CancellationToken.None));
            indexes.Add(TestClips.IndexOf(frame));
        }

        var once = Enumerable.Range(0, TestClips.FrameCount);
        Assert.Equal(once.Concat(once).Concat([0, 1, 2]), indexes);
    }

    [Fact]
    public async Task LastFramePosition_AsFastAsPossible_IsMediaTimeGrowingAcrossLoops()
    {
        await using var source = Create(TestClips.Clip, loop: true, FilePacing.AsFastAsPossible);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();
        var interval = TimeSpan.FromSeconds(1 / TestClips.FramesPerSecond);

        Assert.Null(((IFrameSource)source).LastFramePosition);
        var positions = new List<TimeSpan>();
        for (var i = 0; i < TestClips.FrameCount + 2; i++)
        {
            Assert.True(await source.ReadAsync(frame, CancellationToken.None));
            positions.Add(((IFrameSource)source).LastFramePosition!.Value);
        }

        Assert.Equal(Enumerable.Range(0, TestClips.FrameCount + 2).Select(i => interval * i), positions);
    }

    [Fact]
    public async Task Read_FilePace_WaitsOneFrameIntervalOfTheFilesFrameRate()
    {
        var time = new SignalingTimeProvider();
        await using var source = Create(TestClips.Clip, loop: false, FilePacing.FilePace, time);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();
        var interval = TimeSpan.FromSeconds(1 / TestClips.FramesPerSecond);

        Assert.True(await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));
        Assert.True(time.HasNoPendingDelay);

        var second = source.ReadAsync(frame, CancellationToken.None).AsTask();
        Assert.Equal(interval, await time.NextDelayAsync());
        time.Advance(interval - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await second.WaitAsync(Waits.Timeout));
        Assert.Equal(1, TestClips.IndexOf(frame));

        // Decoding took no fake time, so the third frame is due one more interval later.
        var third = source.ReadAsync(frame, CancellationToken.None).AsTask();
        Assert.Equal(interval, await time.NextDelayAsync());
        time.Advance(interval);
        Assert.True(await third.WaitAsync(Waits.Timeout));
    }

    [Fact]
    public async Task Read_FilePaceAfterAStall_DoesNotBurstToCatchUp()
    {
        var time = new SignalingTimeProvider();
        await using var source = Create(TestClips.Clip, loop: false, FilePacing.FilePace, time);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();
        Assert.True(await source.ReadAsync(frame, CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));
        var next = source.ReadAsync(frame, CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(1 / TestClips.FramesPerSecond), await time.NextDelayAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next.WaitAsync(Waits.Timeout));
    }

    [Fact]
    public async Task Open_MissingFile_ThrowsNamingThePath()
    {
        await using var source = Create("/nonexistent/door.avi", loop: false, FilePacing.AsFastAsPossible);

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask());

        Assert.Equal("video file '/nonexistent/door.avi' does not exist (Capture:Path)", error.Message);
    }

    [Fact]
    public async Task Open_TextFile_ThrowsCannotBeOpened()
    {
        var path = Path.Combine(RepoPaths.NewTempDirectory("capture-notvideo"), "notes.avi");
        await File.WriteAllTextAsync(path, "this is not a video");
        await using var source = Create(path, loop: false, FilePacing.AsFastAsPossible);

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask());

        Assert.StartsWith($"video file '{path}' cannot be opened", error.Message);
    }

    private static VideoFileFrameSource Create(string path, bool loop, FilePacing pacing, TimeProvider? time = null) =>
        new(path, loop, pacing, time ?? TimeProvider.System, NullLogger.Instance);
}
