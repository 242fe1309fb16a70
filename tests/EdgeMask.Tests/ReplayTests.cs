using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.Analysis;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using Microsoft.Extensions.DependencyInjection;
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

        // The very payload the daemon publishes on {prefix}/events, numbered from 1 in this file.
        Assert.All(lines, line => EdgeMask.TestSupport.Mqtt.PayloadSchemas.AssertValid(EdgeMask.TestSupport.Mqtt.PayloadSchemas.Event, line));
        Assert.Equal(Enumerable.Range(1, parsed.Length).Select(n => (long)n), parsed.Select(e => (long)e["sequence"]!));

        // Every incident that starts also ends by the end of the clip (the file ends, the tracks leave).
        var started = parsed.Where(e => (string?)e["phase"] == "start").Select(e => (string?)e["incident_id"]).ToHashSet();
        var ended = parsed.Where(e => (string?)e["phase"] == "end").Select(e => (string?)e["incident_id"]).ToHashSet();
        Assert.Subset(started, ended);
    }

    [SkippableFact]
    public async Task Replay_EntranceClipOfRealMaskedAndBareFaces_BoxesEveryFaceAndFlagsOnlyTheBareOnes()
    {
        var dir = RepoPaths.NewTempDirectory("entrance");
        const int frames = 60;
        using var services = EdgeMaskHost.BuildValidatedServices(null, new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1" });
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        var (clip, people) = SceneClips.WriteEntranceClip(dir, frames, image =>
            analyzer.Analyze(image, 0, DateTimeOffset.UnixEpoch).Analysis.Faces.MaxBy(f => f.Box.Area) is { Box: var b } ? new Rect(b.X, b.Y, b.Width, b.Height) : null);

        // The daemon's own frame analysis finds each face in (nearly) every frame of the file.
        using (var video = new VideoCapture(clip))
        using (var frame = new Mat())
        {
            var found = new int[people.Count];
            for (var i = 0; video.Read(frame) && !frame.Empty(); i++)
            {
                var faces = analyzer.Analyze(frame, i, DateTimeOffset.UnixEpoch).Analysis.Faces;
                for (var p = 0; p < people.Count; p++)
                {
                    var truth = people[p].FaceByFrame[i];
                    var expected = new EdgeMask.Core.Geometry.PixelBox(truth.X, truth.Y, truth.Width, truth.Height);
                    found[p] += faces.Any(f => f.Box.IntersectionOverUnion(expected) >= 0.4) ? 1 : 0;
                }
            }

            Assert.All(found, count => Assert.True(count >= frames * 9 / 10, $"faces found per person in {frames} frames: {string.Join(", ", found)}"));
        }

        // Replay: the two bare faces start a no-mask incident each; the two masked faces none. Distances are not what
        // this clip is about (people stand side by side), so the distance rule is set out of reach.
        var events = Path.Combine(dir, "events.jsonl");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Scene"] = new JsonObject { ["MinDistanceMeters"] = 0.1 } });
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "replay", clip, "--events", events, "--config", config);

        Assert.True(exitCode == ExitCodes.Success, output);
        var parsed = (await File.ReadAllLinesAsync(events)).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        var noMaskStarts = parsed.Count(e => (string?)e["kind"] == "no_mask" && (string?)e["phase"] == "start");
        Assert.True(noMaskStarts == people.Count(p => !p.Masked), $"expected one no-mask incident per bare face ({people.Count(p => !p.Masked)}), got {noMaskStarts}:\n{string.Join('\n', parsed.Select(e => e.ToJsonString()))}");
    }

    [Fact]
    public async Task Replay_MissingVideo_ExitsWithNoInput()
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "replay", "/nonexistent/clip.avi");

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("/nonexistent/clip.avi", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("header-only")]
    public async Task Replay_FileThatHoldsNoDecodableFrame_Exits66AtOnce(string kind)
    {
        var dir = RepoPaths.NewTempDirectory("replay");
        var path = Path.Combine(dir, "clip.avi");
        if (kind == "text")
        {
            await File.WriteAllTextAsync(path, "not a video\n");
        }
        else
        {
            // The AVI header and index survive, no frame does: a copy cut short early.
            var whole = SceneClips.WriteDoorClip(dir, frames: 5, withMaskedFace: false);
            await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(whole))[..3000]);
        }

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "replay", path);

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains($"'{path}' cannot be read as a video", output, StringComparison.Ordinal);
    }
}
