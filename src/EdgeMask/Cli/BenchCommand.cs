using System.CommandLine;
using System.Diagnostics;
using EdgeMask.Analysis;
using EdgeMask.Benchmarking;
using EdgeMask.Classification;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using EdgeMask.Evaluation.Fixtures;
using EdgeMask.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask bench</c>: builds clips at 640x480 and 1280x720 (a still empty scene, a passer-by seen from behind,
/// 1, 4 and 8 people), times every stage
/// and the whole pipeline with one thread and with default threads, and the tutorial's pipeline beside it.
/// </summary>
public static class BenchCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var report = new Option<FileInfo?>("--report") { Description = "Write the markdown report here (it is also printed)" };
        var frames = new Option<int>("--frames") { Description = "Frames per clip", DefaultValueFactory = _ => 60 };
        var quick = new Option<bool>("--quick") { Description = "Only 640x480, the still empty scene and 4 people, one thread" };
        var noTutorial = new Option<bool>("--no-tutorial") { Description = "Skip the tutorial pipeline (it is slow)" };
        var size = new Option<string?>("--size") { Description = "Only clips of this size, WIDTHxHEIGHT (e.g. 1280x720; 160x120 to 3840x2160)" };
        var night = new Option<bool>("--night") { Description = "Also time every clip as an infrared night-mode camera delivers it (grey, flat, soft), whose faces go to the grey model" };
        var watchStream = new Option<bool>("--watch-stream") { Description = "Also time the frame path at 640x480 with 4 people while one client watches the dashboard's live stream, against nobody watching" };

        var command = new Command("bench", "Benchmark every stage and the whole pipeline against the tutorial's.");
        command.Options.Add(report);
        command.Options.Add(frames);
        command.Options.Add(quick);
        command.Options.Add(noTutorial);
        command.Options.Add(size);
        command.Options.Add(night);
        command.Options.Add(watchStream);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetValue(config)?.FullName,
            parse.GetValue(report)?.FullName,
            parse.GetValue(frames),
            parse.GetValue(quick),
            !parse.GetValue(noTutorial),
            parse.GetValue(size),
            parse.GetValue(watchStream),
            parse.GetValue(night),
            "edgemask " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(string? configFile, string? reportPath, int frames, bool quick, bool withTutorial, string? onlySize, bool watchStream, bool night, string commandLine, CancellationToken cancellationToken)
    {
        if (frames is < 2 or > 10_000)
        {
            await Console.Error.WriteLineAsync("edgemask: --frames must be between 2 and 10000").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        (int Width, int Height)? chosenSize = null;
        if (onlySize is not null)
        {
            if (!TryParseSize(onlySize, out var parsed))
            {
                await Console.Error.WriteLineAsync($"edgemask: --size '{onlySize}' is not WIDTHxHEIGHT with a width of 160-3840 and a height of 120-2160 (e.g. 1280x720)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            chosenSize = parsed;
        }

        var work = Path.Combine(Path.GetTempPath(), $"edgemask-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var vggPath = Path.Combine(work, "vgg19_tutorial.onnx");
            if (withTutorial)
            {
                Vgg19OnnxModel.Write(vggPath);
            }

            var sizes = chosenSize is { } only ? [only] : quick ? new[] { (640, 480) } : [(640, 480), (1280, 720)];
            // (faces, passer-by): the empty clips are a still doorway and one where somebody walks past with their back
            // to the camera, which the motion test cannot tell from a face coming in.
            var dayClips = quick ? new[] { (0, false), (4, false) } : [(0, false), (0, true), (1, false), (4, false), (8, false)];
            var clips = dayClips.Select(clip => (clip.Item1, clip.Item2, Night: false))
                .Concat(night ? dayClips.Where(clip => clip.Item1 > 0).Select(clip => (clip.Item1, clip.Item2, Night: true)) : [])
                .ToArray();
            // (threads, full scan every frame?): 0 threads = all cores. The second mode shows what the frame
            // scheduler saves, the third what more cores give.
            var modes = quick ? new[] { (1, false) } : [(1, false), (1, true), (0, false)];
            var rows = new List<StageTimings>();

            string cascade;
            {
                using var probe = Provider(configFile, 1);
                cascade = probe.GetRequiredService<IOptions<DetectionOptions>>().Value.CascadePath;
            }

            using var face = PeopleScene.LoadFace(cascade);
            using var background = PeopleScene.LoadBackground();
            using var clothing = PeopleScene.LoadClothing();
            foreach (var (width, height) in sizes)
            {
                foreach (var (faces, passerBy, isNight) in clips)
                {
                    var clip = BenchClip.Write(work, width, height, faces, frames, face, background, clothing, passerBy, isNight);
                    var content = (faces, passerBy) switch
                    {
                        (0, false) => "empty, still",
                        (0, true) => "0 faces, passer-by",
                        (1, _) => "1 person",
                        _ => $"{faces} people",
                    } + (isNight ? ", night (grey)" : string.Empty);
                    foreach (var (threads, everyFrame) in modes)
                    {
                        var threadCount = threads == 0 ? Environment.ProcessorCount : 1;
                        Cv2.SetNumThreads(threadCount);
                        await using var services = Provider(configFile, threadCount, everyFrame);
                        // The tutorial's pipeline is slow (VGG19 per face): timed once per clip, on one thread.
                        using var tutorial = withTutorial && threads == 1 && !everyFrame ? new TutorialPipeline(cascade, vggPath, threadCount) : null;
                        var bench = new PipelineBenchmark(
                            services.GetRequiredService<IFrameAnalyzer>(),
                            services.GetRequiredService<ISceneAnalyzer>(),
                            services.GetServices<ISceneSink>(),
                            tutorial);
                        var label = (threads == 0 ? $"default ({threadCount})" : "1") + (everyFrame ? ", full scan every frame" : string.Empty);
                        var row = await bench.RunAsync(clip, faces, content, label, cancellationToken).ConfigureAwait(false);
                        rows.Add(row);
                        await Console.Error.WriteLineAsync($"{width}x{height} {content}, {row.Threads} thread(s): {row.EndToEndFps:0.0} fps (tutorial {row.TutorialFps:0.00} fps)").ConfigureAwait(false);
                    }
                }
            }

            using var process = Process.GetCurrentProcess();
            var markdown = BenchReport.Markdown(rows, commandLine, process.PeakWorkingSet64, process.WorkingSet64);
            if (watchStream)
            {
                var clip = BenchClip.Write(work, 640, 480, 4, frames, face, background, clothing, passerBy: false);
                markdown += await WatchStreamAsync(configFile, clip, cancellationToken).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(markdown).ConfigureAwait(false);
            if (reportPath is not null)
            {
                await File.WriteAllTextAsync(reportPath, markdown, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync($"edgemask: {failure.Message}").ConfigureAwait(false);
            return failure.ExitCode;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> WatchStreamAsync(string? configFile, string clip, CancellationToken cancellationToken)
    {
        Cv2.SetNumThreads(1);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var services = EdgeMaskHost.BuildValidatedServices(configFile, new Dictionary<string, string?>
        {
            ["Classification:IntraOpThreads"] = "1",
            ["Signals:Enabled"] = "false",
            ["Mqtt:Enabled"] = "false",
            ["Snapshots:Enabled"] = "false",
            ["Web:Enabled"] = "true",
            ["Web:BindAddress"] = "127.0.0.1",
            ["Web:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var decoded = new List<Mat>();
        using (var capture = new VideoCapture(clip))
        {
            var frame = new Mat();
            while (capture.Read(frame) && !frame.Empty())
            {
                decoded.Add(frame);
                frame = new Mat();
            }

            frame.Dispose();
        }

        try
        {
            var result = await EdgeMask.Web.Benchmarking.StreamWatchBenchmark.RunAsync(services, decoded, rounds: 5, cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"640x480 4 people, one thread: {result.AloneFps:0.0} fps alone, {result.WatchedFps:0.0} fps with one stream client ({result.Ratio:0.00}x)").ConfigureAwait(false);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""

                ## Frame path while one client watches the live stream

                640x480, 4 people, one thread, {decoded.Count} frames per pass, {result.Rounds} alternating rounds (median): analysis + scene + the live view's observer; the watched rounds have a real HTTP client reading /api/stream.mjpg (Web:StreamMaxFps, encoding on its own task).

                | nobody watching | one client watching | ratio | frames streamed |
                | ---: | ---: | ---: | ---: |
                | {result.AloneFps:0.0} fps | {result.WatchedFps:0.0} fps | {result.Ratio:0.00} | {result.FramesStreamed} |

                """);
        }
        finally
        {
            foreach (var frame in decoded)
            {
                frame.Dispose();
            }
        }
    }

    private static bool TryParseSize(string text, out (int Width, int Height) size)
    {
        size = default;
        var parts = text.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var height)
            || width is < 160 or > 3840 || height is < 120 or > 2160)
        {
            return false;
        }

        size = (width, height);
        return true;
    }

    // Outputs stay off: the benchmark must not light LEDs or publish; sinks left are the journal log.
    private static ServiceProvider Provider(string? configFile, int threads, bool fullScanEveryFrame = false)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Classification:IntraOpThreads"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Signals:Enabled"] = "false",
            ["Mqtt:Enabled"] = "false",
            ["Web:Enabled"] = "false",
            ["Snapshots:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (fullScanEveryFrame)
        {
            overrides["Detection:FullScanEveryFrames"] = "1";
        }

        return EdgeMaskHost.BuildValidatedServices(configFile, overrides);
    }
}
