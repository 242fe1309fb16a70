using EdgeMask.Capture.Sources;
using EdgeMask.Capture.Tests.Support;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace EdgeMask.Capture.Tests.Sources;

public class PipeFrameSourceTests
{
    private static readonly string Ffmpeg = SystemTools.Require("ffmpeg");

    [Theory]
    [InlineData("bgr24", PipePixelFormat.Bgr24)]
    [InlineData("yuv420p", PipePixelFormat.Yuv420p)]
    public async Task Read_FfmpegDecodingAFile_DeliversEveryFrameAsBgr(string pixFmt, PipePixelFormat format)
    {
        await using var source = Create($"{Ffmpeg} -hide_banner -loglevel error -nostdin -i '{TestClips.Clip}' -f rawvideo -pix_fmt {pixFmt} -", format);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var indexes = new List<int>();
        while (await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout))
        {
            Assert.Equal((TestClips.Width, TestClips.Height, MatType.CV_8UC3), (frame.Width, frame.Height, frame.Type()));
            var blue = TestClips.BlueBlock(frame);
            Assert.True(blue.Val0 > 200 && blue.Val2 < 60, $"left block should be blue in BGR order, got B={blue.Val0:0} G={blue.Val1:0} R={blue.Val2:0}");
            indexes.Add(TestClips.IndexOf(frame));
        }

        Assert.Equal(Enumerable.Range(0, TestClips.FrameCount), indexes);
    }

    [Fact]
    public async Task Read_FfmpegGray_DeliversThreeChannelGreyFrames()
    {
        await using var source = Create($"{Ffmpeg} -hide_banner -loglevel error -nostdin -i {TestClips.Clip} -frames:v 3 -f rawvideo -pix_fmt gray -", PipePixelFormat.Gray);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        Assert.True(await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));

        Assert.Equal(MatType.CV_8UC3, frame.Type());
        var block = TestClips.BlueBlock(frame);
        Assert.Equal(block.Val0, block.Val2, 0.5);
        Assert.Equal(0, TestClips.IndexOf(frame));
    }

    [Fact]
    public async Task Read_FfmpegFromHttpUrlOnLoopback_DeliversFrames()
    {
        await using var server = new LoopbackHttpServer(TestClips.Clip);
        await using var source = Create($"{Ffmpeg} -hide_banner -loglevel error -nostdin -i {server.Url} -f rawvideo -pix_fmt bgr24 -", PipePixelFormat.Bgr24);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var frames = 0;
        while (await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout))
        {
            Assert.Equal(frames, TestClips.IndexOf(frame));
            frames++;
        }

        Assert.Equal(TestClips.FrameCount, frames);
        Assert.True(server.Requests >= 1);
    }

    [Fact]
    public async Task Read_CommandThatExitsImmediately_ThrowsWithExitCodeAndStderrTail()
    {
        await using var source = Create("sh -c 'echo starting >&2; echo \"camera not found: /dev/video42\" >&2; exit 3'", PipePixelFormat.Bgr24);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));

        Assert.Contains("exited with code 3: starting | camera not found: /dev/video42", error.Message);
        Assert.StartsWith("pipe 'sh -c", error.Message);
    }

    [Fact]
    public async Task Read_FfmpegWithMissingInput_ThrowsWithFfmpegsOwnReason()
    {
        await using var source = Create($"{Ffmpeg} -hide_banner -nostdin -i /nonexistent/door.avi -f rawvideo -pix_fmt bgr24 -", PipePixelFormat.Bgr24);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));

        Assert.Matches("exited with code [1-9][0-9]*: .*No such file or directory", error.Message);
    }

    [Fact]
    public async Task Read_FrameSizeLargerThanTheOutput_ThrowsNamingTheSizeKeys()
    {
        // 3 frames of 320x240 are read as 2.x frames of 320x320: the last one is cut off.
        await using var source = new PipeFrameSource(
            $"{Ffmpeg} -hide_banner -loglevel error -nostdin -i {TestClips.Clip} -frames:v 3 -f rawvideo -pix_fmt bgr24 -", 320, 320, PipePixelFormat.Bgr24, NullLogger.Instance);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();

        var error = await Assert.ThrowsAsync<FrameSourceException>(async () =>
        {
            while (await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout))
            {
            }
        });

        Assert.Contains("ended in the middle of a frame", error.Message);
        Assert.Contains("Capture:PipeFrameWidth, PipeFrameHeight and PipePixelFormat", error.Message);
    }

    [Fact]
    public async Task Open_ProgramThatDoesNotExist_ThrowsNamingTheProgram()
    {
        await using var source = Create("edgemask-no-such-camera-tool --width 640", PipePixelFormat.Bgr24);

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask());

        Assert.Contains("program 'edgemask-no-such-camera-tool' could not be started", error.Message);
    }

    [Fact]
    public async Task Close_EndlessCommand_KillsTheProcessTree()
    {
        var pidFile = Path.Combine(RepoPaths.NewTempDirectory("capture-pipe"), "child.pid");
        await using var source = Create(
            $"sh -c 'sleep 600 & echo $! > {pidFile}; exec {Ffmpeg} -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc=size=320x240:rate=25 -f rawvideo -pix_fmt bgr24 -'",
            PipePixelFormat.Bgr24);
        await source.OpenAsync(CancellationToken.None);
        using var frame = new Mat();
        Assert.True(await source.ReadAsync(frame, CancellationToken.None).AsTask().WaitAsync(Waits.Timeout));
        var ffmpegPid = source.ProcessId!.Value;
        var sleepPid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(IsAlive(ffmpegPid) && IsAlive(sleepPid), "both processes run before close");

        await source.CloseAsync().AsTask().WaitAsync(Waits.Timeout);

        Assert.Null(source.ProcessId);
        Assert.False(IsAlive(ffmpegPid), "ffmpeg still runs after close");
        Assert.False(IsAlive(sleepPid), "the command's child still runs after close");
    }

    [Fact]
    public async Task Description_CommandWithRtspPassword_HidesThePassword()
    {
        await using var source = Create("ffmpeg -rtsp_transport tcp -i rtsp://admin:hunter2@10.0.0.5/stream -f rawvideo -pix_fmt bgr24 -", PipePixelFormat.Bgr24);

        Assert.Equal("pipe 'ffmpeg -rtsp_transport tcp -i rtsp://admin:***@10.0.0.5/stream -f rawvideo -pix_fmt bgr24 -' (320x240 Bgr24)", source.Description);
    }

    private static PipeFrameSource Create(string command, PipePixelFormat format) =>
        new(command, TestClips.Width, TestClips.Height, format, NullLogger.Instance);

    // Alive means: not gone, not a zombie, not already exiting (PF_EXITING) and no SIGKILL waiting for it.
    // A SIGKILL'd process is dead for every purpose even while the kernel has not scheduled it to exit yet.
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            const uint exiting = 0x4;
            if (fields[0] is "Z" or "X" || (uint.Parse(fields[6], System.Globalization.CultureInfo.InvariantCulture) & exiting) != 0)
            {
                return false;
            }

            const ulong sigkill = 1UL << 8;
            var pending = File.ReadAllLines($"/proc/{pid}/status")
                .Where(line => line.StartsWith("SigPnd:", StringComparison.Ordinal) || line.StartsWith("ShdPnd:", StringComparison.Ordinal))
                .Select(line => ulong.Parse(line[7..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
            return !pending.Any(mask => (mask & sigkill) != 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
