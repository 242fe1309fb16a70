using System.CommandLine;
using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Hosting;
using EdgeMask.Mqtt;
using EdgeMask.Outputs;
using EdgeMask.Analysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask replay VIDEO</c>: the whole pipeline on a file, every frame processed, writing the annotated
/// video and one JSON line per incident event. GPIO and MQTT are off unless the configuration of a
/// --config file turns them back on through the command's own overrides.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var video = new Argument<FileInfo>("video") { Description = "Video file to replay (anything the bundled FFmpeg reads: avi, mp4, mkv...)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the annotated video here (MJPG .avi)" };
        var events = new Option<FileInfo?>("--events") { Description = "Write one JSON line per incident event here" };
        var realtime = new Option<bool>("--realtime") { Description = "Pace frames at the file's frame rate instead of as fast as possible" };

        var command = new Command("replay", "Run the whole pipeline on a video file and write an annotated video and the events.");
        command.Arguments.Add(video);
        command.Options.Add(output);
        command.Options.Add(events);
        command.Options.Add(realtime);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetRequiredValue(video).FullName,
            parse.GetValue(output)?.FullName,
            parse.GetValue(events)?.FullName,
            parse.GetValue(realtime),
            parse.GetValue(config)?.FullName,
            cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        string videoPath,
        string? annotatedPath,
        string? eventsPath,
        bool realtime,
        string? configFile,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(videoPath))
        {
            await Console.Error.WriteLineAsync($"edgemask: video file '{videoPath}' does not exist").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        // The daemon's file source retries a file it cannot read (it may be replaced); a replay must end instead.
        if (ReadFramesPerSecond(videoPath) is not { } fps)
        {
            await Console.Error.WriteLineAsync($"edgemask: '{videoPath}' cannot be read as a video: no frame could be decoded from it").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        var overrides = new Dictionary<string, string?>
        {
            ["Capture:Source"] = "File",
            ["Capture:Path"] = videoPath,
            ["Capture:Loop"] = "false",
            ["Capture:Pacing"] = realtime ? "FilePace" : "AsFastAsPossible",
            ["Capture:DropFrames"] = realtime ? "true" : "false",
            ["Signals:Enabled"] = "false",
            ["Mqtt:Enabled"] = "false",
            ["Web:Enabled"] = "false",
            ["Snapshots:Enabled"] = "false",
        };

        JsonLinesEventWriter? eventWriter = null;
        AnnotatedVideoWriter? videoWriter = null;
        try
        {
            eventWriter = eventsPath is null ? null : new JsonLinesEventWriter(eventsPath, DeviceIdOf(configFile));
            videoWriter = annotatedPath is null ? null : new AnnotatedVideoWriter(annotatedPath, fps);
            var health = new PipelineHealth(TimeProvider.System);

            var exitCode = await RunCommand.RunHostAsync(configFile, overrides, services =>
            {
                if (eventWriter is not null)
                {
                    services.AddSingleton<ISceneSink>(eventWriter);
                }

                if (videoWriter is not null)
                {
                    services.AddSingleton<IFrameObserver>(videoWriter);
                }

                // Registered last, so it is the instance the pipeline reports to and this command reads afterwards.
                services.AddSingleton(health);
            }, cancellationToken).ConfigureAwait(false);

            if (exitCode == ExitCodes.Success)
            {
                var snapshot = health.Snapshot();
                await Console.Out.WriteLineAsync(
                    $"replayed {snapshot.FramesProcessed} frames of {videoPath}: " +
                    $"{eventWriter?.EventsWritten ?? 0} events" +
                    (eventsPath is null ? string.Empty : $" -> {eventsPath}") +
                    (annotatedPath is null ? string.Empty : $", annotated video -> {annotatedPath}")).ConfigureAwait(false);
            }

            return exitCode;
        }
        finally
        {
            if (eventWriter is not null)
            {
                await eventWriter.DisposeAsync().ConfigureAwait(false);
            }

            videoWriter?.Dispose();
        }
    }

    // The id the daemon would publish under, so replayed events look like live ones. A configuration that cannot be
    // read is reported by the run that follows, with its exit code; here it only falls back to the default id.
    private static string DeviceIdOf(string? configFile)
    {
        try
        {
            var builder = new ConfigurationBuilder();
            Configuration.EdgeMaskConfiguration.AddLayers(builder, configFile, overrides: null);
            return builder.Build()["Mqtt:DeviceId"] is { Length: > 0 } id ? id : DeviceIds.Default();
        }
        catch (Exception ex) when (ex is InvalidDataException or Configuration.InvalidConfigurationException or FileNotFoundException)
        {
            return DeviceIds.Default();
        }
    }

    /// <summary>The file's frame rate (10 when it has none), or null when not even its first frame decodes.</summary>
    private static double? ReadFramesPerSecond(string videoPath)
    {
        using var capture = new VideoCapture(videoPath);
        using var first = new Mat();
        if (!capture.IsOpened() || !capture.Read(first) || first.Empty())
        {
            return null;
        }

        var fps = capture.Fps;
        return double.IsFinite(fps) && fps > 0 ? fps : 10;
    }
}
