using System.CommandLine;
using EdgeMask.Analysis;
using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using EdgeMask.Evaluation;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Reports;
using EdgeMask.Evaluation.Robustness;
using EdgeMask.Hosting;
using EdgeMask.Outputs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask evaluate</c>: scores the daemon's own detector and classifier (as configured) on annotated
/// scenes (Pascal VOC) or on labelled crops, writes markdown + JSON reports, and prints a one-line summary last.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var images = new Option<DirectoryInfo?>("--images") { Description = "Folder of scene images" };
        var annotations = new Option<DirectoryInfo?>("--annotations") { Description = "Folder of Pascal VOC XML files, one per image" };
        var crops = new Option<DirectoryInfo?>("--crops") { Description = "Folder with with_mask/ and without_mask/ crops (crops mode)" };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write report.md and report.json here" };
        var dump = new Option<DirectoryInfo?>("--dump") { Description = "Write annotated images of misses and wrong verdicts here" };
        var strictWorn = new Option<bool>("--worn-incorrectly-separate") { Description = "Score mask_weared_incorrect as its own class instead of as no mask" };
        var mistakes = new Option<FileInfo?>("--mistakes") { Description = "Write a contact sheet (PNG) of the found faces of 32 px and more that got the wrong verdict" };
        var trackedFrames = new Option<int>("--tracked-frames") { Description = "Also play each photo as a clip of this many frames through scene logic and score each person's final verdict (0 = off)" };
        var robustness = new Option<bool>("--robustness") { Description = "Also classify every face (scenes: found faces of 32 px and more) under the camera conditions of the robustness suite" };
        var mistakesCondition = new Option<string?>("--mistakes-condition") { Description = $"Draw the --mistakes sheet from one robustness condition's verdicts instead ({string.Join(", ", CameraCondition.Suite.Select(c => c.Name))}); needs --robustness" };

        var command = new Command("evaluate", "Score detection and classification on annotated scenes or labelled crops.");
        foreach (var option in new Option[] { images, annotations, crops, report, dump, strictWorn, robustness, trackedFrames, mistakes, mistakesCondition })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var scenes = result.GetValue(images) is not null || result.GetValue(annotations) is not null;
            if (scenes == (result.GetValue(crops) is not null))
            {
                result.AddError("give either --images and --annotations (scenes) or --crops (crops)");
            }
            else if (scenes && (result.GetValue(images) is null || result.GetValue(annotations) is null))
            {
                result.AddError("scenes mode needs both --images and --annotations");
            }

            if (result.GetValue(mistakesCondition) is { } condition)
            {
                if (!CameraCondition.Suite.Any(c => c.Name == condition))
                {
                    result.AddError($"--mistakes-condition '{condition}' is no condition of the robustness suite; choose one of {string.Join(", ", CameraCondition.Suite.Select(c => c.Name))}");
                }
                else if (!result.GetValue(robustness) || result.GetValue(mistakes) is null)
                {
                    result.AddError("--mistakes-condition needs --robustness and --mistakes");
                }
            }
        });

        command.SetAction((parse, _) => Task.FromResult(Execute(
            parse.GetValue(config)?.FullName,
            parse.GetValue(images)?.FullName,
            parse.GetValue(annotations)?.FullName,
            parse.GetValue(crops)?.FullName,
            parse.GetValue(report)?.FullName,
            parse.GetValue(dump)?.FullName,
            !parse.GetValue(strictWorn),
            parse.GetValue(robustness),
            parse.GetValue(trackedFrames),
            parse.GetValue(mistakes)?.FullName,
            parse.GetValue(mistakesCondition),
            Console.Out,
            Console.Error)));
        return command;
    }

    public static int Execute(
        string? configFile,
        string? imagesDir,
        string? annotationsDir,
        string? cropsDir,
        string? reportDir,
        string? dumpDir,
        bool wornIncorrectlyAsNoMask,
        bool robustness,
        int trackedFrames,
        string? mistakesPath,
        string? mistakesCondition,
        TextWriter output,
        TextWriter error)
    {
        try
        {
            // Every image is its own scene: no windows carried over from the previous image.
            using var services = EdgeMaskHost.BuildValidatedServices(configFile, new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1" });
            var classifier = services.GetRequiredService<IMaskClassifier>();

            // The sheet shows the original verdicts, or one robustness condition's when --mistakes-condition names one.
            using var sheet = new MistakeSheet();
            var suite = robustness ? new RobustnessSuite(classifier, observer: mistakesCondition is null ? null : verdict =>
            {
                if (verdict.Condition.Name == mistakesCondition)
                {
                    sheet.Add(verdict.Image, verdict.Face.Box, verdict.Truth, verdict.Prediction);
                }
            }) : null;
            string summary, markdown, json;
            if (cropsDir is not null)
            {
                var result = new CropEvaluator(classifier).Evaluate(cropsDir, suite);
                (summary, markdown, json) = (EvaluationReport.SummaryLine(result), EvaluationReport.Markdown(result, $"Crops evaluation: {cropsDir}"), EvaluationReport.Json(result));
            }
            else
            {
                var analyzer = services.GetRequiredService<IFrameAnalyzer>();
                var truth = VocAnnotationReader.ReadFolder(annotationsDir!, wornIncorrectlyAsNoMask);
                if (dumpDir is not null)
                {
                    Directory.CreateDirectory(dumpDir);
                }

                var result = new SceneEvaluator(analyzer).Evaluate(
                    imagesDir!,
                    truth,
                    (image, r) =>
                    {
                        if (dumpDir is not null)
                        {
                            DumpMistakes(dumpDir, image, r);
                        }

                        if (mistakesPath is not null && mistakesCondition is null)
                        {
                            sheet.Add(image, r);
                        }
                    },
                    suite);

                if (trackedFrames > 0)
                {
                    var tracked = new TrackedVerdictEvaluator(analyzer, services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).Evaluate(imagesDir!, truth, trackedFrames);
                    result = result with { Tracked = (tracked, trackedFrames) };
                }

                (summary, markdown, json) = (EvaluationReport.SummaryLine(result), EvaluationReport.Markdown(result, $"Scenes evaluation: {imagesDir}"), EvaluationReport.Json(result));
            }

            if (mistakesPath is not null)
            {
                sheet.Write(mistakesPath);
            }

            if (reportDir is not null)
            {
                Directory.CreateDirectory(reportDir);
                File.WriteAllText(Path.Combine(reportDir, "report.md"), markdown);
                File.WriteAllText(Path.Combine(reportDir, "report.json"), json);
            }
            else
            {
                output.WriteLine(markdown);
            }

            output.WriteLine(summary);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
        {
            error.WriteLine($"edgemask: {failure.Message}");
            return failure.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"edgemask: evaluation failed: {ex.Message}");
            return ExitCodes.NoInput;
        }
    }

    // Misses are drawn in magenta over the usual green/red verdict boxes.
    private static void DumpMistakes(string dumpDir, Mat image, ImageResult result)
    {
        if (!result.HasMistakes)
        {
            return;
        }

        using var canvas = image.Clone();
        var analysis = new FrameAnalysis(0, DateTimeOffset.UnixEpoch, image.Width, image.Height, result.Faces);
        var update = new SceneUpdate(0, DateTimeOffset.UnixEpoch, SceneState.Clear, [], []);
        EdgeMask.Analysis.Annotation.FrameAnnotator.Draw(canvas, analysis, update);
        foreach (var missed in result.MissedFaces)
        {
            Cv2.Rectangle(canvas, new Rect(missed.X, missed.Y, missed.Width, missed.Height), new Scalar(255, 0, 255), 2);
        }

        Cv2.ImWrite(Path.Combine(dumpDir, Path.GetFileNameWithoutExtension(result.Annotation.ImageFile) + ".jpg"), canvas);
    }
}
