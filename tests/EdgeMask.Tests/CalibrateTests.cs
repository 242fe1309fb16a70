using System.Text.Json.Nodes;
using EdgeMask.Detection;
using EdgeMask.Evaluation.Fixtures;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Tests;

public class CalibrateTests
{
    [Fact]
    public async Task Calibrate_RenderedPersonAtKnownDistance_RecoversFocalLengthWithin3Percent()
    {
        // A pinhole camera with f = 600 px sees a 0.15 m face at 1.0 m as 90 px wide.
        const double focalLengthPixels = 600;
        const double faceWidthMeters = 0.15;
        const double distanceMeters = 1.0;
        var faceWidthPixels = focalLengthPixels * faceWidthMeters / distanceMeters;

        var dir = RepoPaths.NewTempDirectory("calibrate");
        var clip = RenderPersonAt(dir, faceWidthPixels, frames: 30);
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Source"] = "File", ["Path"] = clip, ["Pacing"] = "AsFastAsPossible" },
            ["Detection"] = new JsonObject { ["MinFaceSizePixels"] = 24 },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(
            TimeSpan.FromSeconds(120), "calibrate", "--distance", "1.0", "--seconds", "60", "--config", config);

        Assert.True(exitCode == ExitCodes.Success, output);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(config))!["Scene"]!["FocalLengthPixels"]!.GetValue<double>();
        Assert.InRange(written, focalLengthPixels * 0.97, focalLengthPixels * 1.03);
        Assert.Contains("spread", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_NonPositiveDistance_IsAUsageError()
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(TimeSpan.FromSeconds(60), "calibrate", "--distance", "0");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--distance", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Renders frames where the detector sees a face of the given width: the photo is scaled by the ratio of
    /// the wanted width to the width the same detector finds in the unscaled photo, then moved a little.
    /// </summary>
    private static string RenderPersonAt(string dir, double faceWidthPixels, int frames)
    {
        using var photo = Cv2.ImRead(PeopleScene.FacePhoto);
        using var services = EdgeMaskHost.BuildValidatedServices(null, new Dictionary<string, string?>
        {
            ["Detection:FullScanEveryFrames"] = "1",
            ["Detection:DownscaleFactor"] = "1",
            ["Detection:MinFaceSizePixels"] = "24",
        });
        var box = services.GetRequiredService<IFaceDetector>().Detect(photo).MaxBy(f => f.Box.Width)!.Box;
        var found = new Rect(box.X, box.Y, box.Width, box.Height);
        var scale = faceWidthPixels / found.Width;
        using var scaled = photo.Resize(new Size(), scale, scale, InterpolationFlags.Area);

        var path = Path.Combine(dir, "person.avi");
        using var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(640, 480));
        using var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 90, 90));
        var faceCentreX = (int)((found.X + (found.Width / 2.0)) * scale);
        var faceCentreY = (int)((found.Y + (found.Height / 2.0)) * scale);
        for (var i = 0; i < frames; i++)
        {
            canvas.SetTo(new Scalar(90, 90, 90));
            var dx = 320 - faceCentreX + ((i % 7) - 3) * 4;
            var dy = 240 - faceCentreY + ((i % 5) - 2) * 3;
            var source = new Rect(Math.Max(0, -dx), Math.Max(0, -dy), 0, 0);
            source.Width = Math.Min(scaled.Width - source.X, 640 - Math.Max(0, dx));
            source.Height = Math.Min(scaled.Height - source.Y, 480 - Math.Max(0, dy));
            using var from = new Mat(scaled, source);
            using var to = new Mat(canvas, new Rect(Math.Max(0, dx), Math.Max(0, dy), source.Width, source.Height));
            from.CopyTo(to);
            writer.Write(canvas);
        }

        return path;
    }
}
