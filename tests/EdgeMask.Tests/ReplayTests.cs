using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Tests;

public class ReplayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Replay_ClipOfRealFaces_WritesAnnotatedVideoAndIncidentEvents()
    {
        var dir = RepoPaths.NewTempDirectory("replay");
        const int frames = 40;
        var clip = SceneClips.WriteDoorClip(dir, frames, withMaskedFace: RepoPaths.MaskCrops is not null);
        var annotated = Path.Combine(dir, "annotated.avi");
        var events = Path.Combine(dir, "events.jsonl");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject());

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "replay", clip, "--out", annotated, "--events", events, "--config", config);

        Assert.True(exitCode == ExitCodes.Success, output);
        Assert.Contains($"replayed {frames} frames", output, StringComparison.Ordinal);

        using (var video = new VideoCapture(annotated))
        {
            Assert.True(video.IsOpened(), "annotated video cannot be opened");
            Assert.Equal(frames, (int)video.Get(VideoCaptureProperties.FrameCount));
            using var first = new Mat();
            Assert.True(video.Read(first));
            using var original = new VideoCapture(clip);
            using var originalFirst = new Mat();
            original.Read(originalFirst);
            using var difference = new Mat();
            Cv2.Absdiff(first, originalFirst, difference);

            // Boxes and labels were drawn: many pixels differ far beyond MJPG noise.
            using var gray = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
            Assert.True(Cv2.CountNonZero(gray.Threshold(80, 255, ThresholdTypes.Binary)) > 200, "no annotation drawn on the first frame");
        }

        var lines = await File.ReadAllLinesAsync(events);
        var parsed = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Contains(parsed, e => (string?)e["kind"] == "no_mask" && (string?)e["phase"] == "start");
        Assert.All(parsed, e => Assert.True(Guid.TryParse((string?)e["incident_id"], out _)));

        // Every incident that starts also ends by the end of the clip (the file ends, the tracks leave).
        var started = parsed.Where(e => (string?)e["phase"] == "start").Select(e => (string?)e["incident_id"]).ToHashSet();
        var ended = parsed.Where(e => (string?)e["phase"] == "end").Select(e => (string?)e["incident_id"]).ToHashSet();
        Assert.Subset(started, ended);
    }

    [Fact]
    public async Task Replay_MissingVideo_ExitsWithNoInput()
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "replay", "/nonexistent/clip.avi");

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("/nonexistent/clip.avi", output, StringComparison.Ordinal);
    }
}
