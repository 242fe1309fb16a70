using System.Text.Json.Nodes;
using EdgeMask.Evaluation.Fixtures;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Tests;

public class EvaluateCommandTests
{
    [Fact]
    public async Task Evaluate_Scenes_WritesReportsAndEndsWithSummaryLine()
    {
        var dir = RepoPaths.NewTempDirectory("evaluate");
        var images = Directory.CreateDirectory(Path.Combine(dir, "images")).FullName;
        var annotations = Directory.CreateDirectory(Path.Combine(dir, "annotations")).FullName;
        var report = Path.Combine(dir, "report");

        // Scene 1: a face photo from opencv-doc, annotated where the face is.
        // Scene 2: an empty street, no faces.
        using var photo = Cv2.ImRead(PeopleScene.FacePhoto);
        using var cascade = new CascadeClassifier(SystemTools.FrontalFaceDefault);
        using var gray = photo.CvtColor(ColorConversionCodes.BGR2GRAY);
        var face = cascade.DetectMultiScale(gray, 1.05, 5).MaxBy(r => r.Width);
        Cv2.ImWrite(Path.Combine(images, "one.jpg"), photo);
        await File.WriteAllTextAsync(Path.Combine(annotations, "one.xml"), Voc("one.jpg", "without_mask", face));
        using var street = PeopleScene.LoadBackground();
        Cv2.ImWrite(Path.Combine(images, "two.jpg"), street);
        await File.WriteAllTextAsync(Path.Combine(annotations, "two.xml"), Voc("two.jpg", null, default));
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject());

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(
            TimeSpan.FromSeconds(120), "evaluate", "--images", images, "--annotations", annotations, "--report", report, "--config", config);

        Assert.True(exitCode == ExitCodes.Success, output);
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("scenes: 2 images, face recall 100.0%", lastLine, StringComparison.Ordinal);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")))!;
        Assert.Equal(1, json["detection"]!["truths"]!.GetValue<int>());
        Assert.Equal(1, json["detection"]!["found"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(report, "report.md")));
    }

    [Fact]
    public async Task Evaluate_NeitherScenesNorCrops_IsAUsageError()
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(TimeSpan.FromSeconds(60), "evaluate");

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Contains("--crops", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moonlight", "is no condition of the robustness suite; choose one of original, dark-gamma")]
    [InlineData("infrared", "--mistakes-condition needs --robustness and --mistakes")]
    public async Task Evaluate_MistakesConditionWrongOrAlone_IsAUsageErrorSayingWhy(string condition, string expected)
    {
        var dir = RepoPaths.NewTempDirectory("evaluate-condition");

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(
            TimeSpan.FromSeconds(60), "evaluate", "--crops", dir, "--mistakes", Path.Combine(dir, "sheet.png"), "--mistakes-condition", condition);

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static string Voc(string file, string? label, Rect box) =>
        $"<annotation><filename>{file}</filename><size><width>0</width><height>0</height><depth>3</depth></size>" +
        (label is null ? string.Empty : $"<object><name>{label}</name><bndbox><xmin>{box.X}</xmin><ymin>{box.Y}</ymin><xmax>{box.Right}</xmax><ymax>{box.Bottom}</ymax></bndbox></object>") +
        "</annotation>";
}
