using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.Capture;
using EdgeMask.Configuration;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using EdgeMask.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask calibrate --distance 2.0</c>: one person stands at a known distance from the camera; the
/// command measures their face width over a few seconds of frames and writes the camera's focal length in
/// pixels to the configuration (Scene:FocalLengthPixels).
/// </summary>
public static class CalibrateCommand
{
    // Calibration is offline, so the cascade may search sizes in fine steps: box widths quantised by the
    // usual 1.1 step would put up to 10% error into the focal length.
    private const string FineScaleFactor = "1.02";

    public static Command Create(Option<FileInfo?> config)
    {
        var distance = new Option<double>("--distance") { Description = "Distance from the camera to the person's face, in metres", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "How long to measure", DefaultValueFactory = _ => 5 };
        var faceWidth = new Option<double?>("--face-width") { Description = "Real face width in metres (default: Scene:FaceWidthMeters)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the focal length without writing the configuration" };

        var command = new Command("calibrate", "Measure the camera's focal length from a person standing at a known distance.");
        command.Options.Add(distance);
        command.Options.Add(seconds);
        command.Options.Add(faceWidth);
        command.Options.Add(dryRun);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetValue(distance),
            TimeSpan.FromSeconds(parse.GetValue(seconds)),
            parse.GetValue(faceWidth),
            parse.GetValue(dryRun),
            parse.GetValue(config)?.FullName,
            Console.Out,
            cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        double distanceMeters,
        TimeSpan duration,
        double? faceWidthMeters,
        bool dryRun,
        string? configFile,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (distanceMeters is <= 0 or > 20 || double.IsNaN(distanceMeters))
        {
            await Console.Error.WriteLineAsync("edgemask: --distance must be between 0 and 20 metres").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            await using var services = EdgeMaskHost.BuildValidatedServices(configFile, new Dictionary<string, string?>
            {
                ["Detection:ScaleFactor"] = FineScaleFactor,
                ["Detection:DownscaleFactor"] = "1",
                ["Detection:FullScanEveryFrames"] = "1",
            });

            var sceneOptions = services.GetRequiredService<IOptions<SceneOptions>>().Value;
            var realFaceWidth = faceWidthMeters ?? sceneOptions.FaceWidthMeters;
            var widths = await MeasureFaceWidthsAsync(services, duration, output, cancellationToken).ConfigureAwait(false);
            var calibration = FocalLengthCalibrator.Calibrate(widths, distanceMeters, realFaceWidth);

            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"focal length {calibration.FocalLengthPixels:0.0} px (spread {calibration.SpreadPixels:0.0} px, {calibration.SampleCount} frames, face {realFaceWidth:0.000} m at {distanceMeters:0.00} m)")).ConfigureAwait(false);

            if (!dryRun)
            {
                var file = EdgeMaskConfiguration.WritableConfigFile(configFile);
                await WriteFocalLengthAsync(file, calibration.FocalLengthPixels, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"wrote Scene:FocalLengthPixels to {file}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync($"edgemask: {failure.Message}").ConfigureAwait(false);
            return failure.ExitCode;
        }
        catch (Exception ex) when (ex is FrameSourceException or ArgumentException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"edgemask: calibration failed: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Reads frames for <paramref name="duration"/> (or to the end of a file) and keeps the width of the single largest face.</summary>
    private static async Task<List<double>> MeasureFaceWidthsAsync(IServiceProvider services, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        var detector = services.GetRequiredService<IFaceDetector>();
        await using var source = services.GetRequiredService<IFrameSourceFactory>().Create();
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"measuring from {source.Description} for {duration.TotalSeconds:0.#} s; the person should face the camera").ConfigureAwait(false);

        var widths = new List<double>();
        using var frame = new Mat();
        var time = services.GetRequiredService<TimeProvider>();
        var until = time.GetUtcNow() + duration;
        while (time.GetUtcNow() < until && await source.ReadAsync(frame, cancellationToken).ConfigureAwait(false))
        {
            var faces = detector.Detect(frame);
            if (faces.Count > 0)
            {
                widths.Add(faces.Max(f => f.Box.Width));
            }
        }

        return widths;
    }

    private static async Task WriteFocalLengthAsync(string file, double focalLengthPixels, CancellationToken cancellationToken)
    {
        JsonObject root;
        if (File.Exists(file))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new InvalidOperationException($"{file} does not hold a JSON object");
        }
        else
        {
            root = [];
        }

        if (root["Scene"] is not JsonObject scene)
        {
            scene = [];
            root["Scene"] = scene;
        }

        scene["FocalLengthPixels"] = Math.Round(focalLengthPixels, 1);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside and rename, so a crash never leaves a half-written configuration.
        var temporary = file + ".tmp";
        await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, file, overwrite: true);
    }
}
