using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

public class DaemonResilienceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_CameraThatDoesNotExist_KeepsRunningReportsOfflineAndStopsCleanly()
    {
        var dir = RepoPaths.NewTempDirectory("daemon");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject
            {
                ["Source"] = "Camera",
                ["Device"] = "/dev/video99",
                ["ReconnectInitialDelay"] = "00:00:00.2",
                ["ReconnectMaxDelay"] = "00:00:00.5",
            },
        });

        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);

        await daemon.WaitForLineAsync(l => l.Contains("/dev/video99", StringComparison.Ordinal) && l.Contains("offline", StringComparison.OrdinalIgnoreCase), "camera offline", Timeout);

        // Still retrying, not crashed: a second attempt is logged after the first.
        await daemon.WaitForLineAsync(l => l.Contains("attempt 2", StringComparison.OrdinalIgnoreCase) || l.Contains("reconnect", StringComparison.OrdinalIgnoreCase), "a retry", Timeout);
        Assert.False(daemon.HasExited, daemon.Output);

        daemon.Signal(15);
        var exitCode = await daemon.WaitForExitAsync(Timeout);
        Assert.Equal(ExitCodes.Success, exitCode);
    }

    [SkippableFact]
    public async Task Run_PipeSourceThatStopsMidRun_ReconnectsWhenFramesReturn()
    {
        var ffmpeg = SystemTools.Require("ffmpeg");
        var dir = RepoPaths.NewTempDirectory("daemon");

        // A pipe command that delivers a few frames and then exits: the watchdog must notice, close it
        // and start it again, and frames must flow again after each restart.
        var command = $"{ffmpeg} -hide_banner -loglevel error -f lavfi -i testsrc=size=160x120:rate=10 -frames:v 5 -f rawvideo -pix_fmt bgr24 -";
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject
            {
                ["Source"] = "Pipe",
                ["Command"] = command,
                ["PipeFrameWidth"] = 160,
                ["PipeFrameHeight"] = 120,
                ["FrameTimeout"] = "00:00:01",
                ["ReconnectInitialDelay"] = "00:00:00.2",
                ["ReconnectMaxDelay"] = "00:00:00.5",
            },
        });

        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);

        static bool IsOnline(string line) => line.Contains("online", StringComparison.OrdinalIgnoreCase) && !line.Contains("offline", StringComparison.OrdinalIgnoreCase);
        await daemon.WaitForLineCountAsync(IsOnline, 2, "camera online twice", Timeout);

        Assert.False(daemon.HasExited, daemon.Output);
        daemon.Signal(15);
        Assert.Equal(ExitCodes.Success, await daemon.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task Run_ConfigurationEditedToUnreadableOrInvalidValuesWhileRunning_LogsOnceKeepsTheLastValidSettingsAndRecovers()
    {
        var ffmpeg = SystemTools.Require("ffmpeg");
        var dir = RepoPaths.NewTempDirectory("daemon");
        var capture = new JsonObject
        {
            ["Source"] = "Pipe",
            ["Command"] = $"{ffmpeg} -hide_banner -loglevel error -re -f lavfi -i testsrc=size=160x120:rate=10 -f rawvideo -pix_fmt bgr24 -",
            ["PipeFrameWidth"] = 160,
            ["PipeFrameHeight"] = 120,
        };
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Capture"] = capture.DeepClone() });
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await daemon.WaitForLineAsync(l => l.Contains("Frame loop started", StringComparison.Ordinal), "the frame loop", Timeout);

        // Saved half-way: the daemon says so once and keeps what it last read.
        await File.WriteAllTextAsync(config, "{ \"Capture\": { \"Source\": ");
        await daemon.WaitForLineAsync(l => l.Contains("cannot be read after an edit", StringComparison.Ordinal), "the unreadable edit", Timeout);

        // Out of range in three reloadable sections at once, written into the running daemon's file.
        EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = capture.DeepClone(),
            ["Detection"] = new JsonObject { ["MinNeighbors"] = -1, ["YuNet"] = new JsonObject { ["MinScore"] = 7 } },
            ["Classification"] = new JsonObject { ["MinConfidence"] = 3 },
            ["Scene"] = new JsonObject { ["VerdictMinFrames"] = 500 },
        });
        foreach (var section in new[] { "DetectionOptions", "YuNetOptions", "ClassificationOptions", "SceneOptions" })
        {
            await daemon.WaitForLineAsync(l => l.Contains($"{section} settings were changed to invalid values", StringComparison.Ordinal), section, Timeout);
        }

        // Fixed again: each section says so, and no frame failed in between.
        EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Capture"] = capture.DeepClone() });
        await daemon.WaitForLineCountAsync(l => l.Contains("settings are valid again", StringComparison.Ordinal), 4, "four sections valid again", Timeout);
        Assert.False(daemon.HasExited, daemon.Output);
        Assert.DoesNotContain("could not be processed", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(1, Count(daemon.Output, "DetectionOptions settings were changed to invalid values"));
        Assert.Contains("is readable again; its settings apply", daemon.Output, StringComparison.Ordinal);

        daemon.Signal(15);
        Assert.Equal(ExitCodes.Success, await daemon.WaitForExitAsync(Timeout));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
