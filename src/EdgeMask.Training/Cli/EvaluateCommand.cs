using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Evaluation;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Cli;

/// <summary>`evaluate`: score ONNX models on a with_mask / without_mask folder, time them, write markdown + JSON.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "ONNX model(s) to evaluate (repeat for several).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [Path.Combine(DefaultPaths.Models, "mask_classifier.int8.onnx"), Path.Combine(DefaultPaths.Models, "mask_classifier.fp32.onnx")] };
        var data = new Option<string>("--data") { Description = "Folder with with_mask/ and without_mask/.", DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var split = new Option<string>("--split") { Description = "all, train, validation or test (the hash split the trainer uses).", DefaultValueFactory = _ => "all" };
        var report = new Option<string>("--report") { Description = "Report path without extension; .md and .json are written.", DefaultValueFactory = _ => Path.Combine(DefaultPaths.Root, "artifacts", "evaluation") };
        var noLatency = new Option<bool>("--no-latency") { Description = "Skip the latency measurements (and the VGG19 baseline)." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the VGG19 baseline latency." };
        var listErrors = new Option<bool>("--list-errors") { Description = "Print every misclassified file with P(with_mask)." };
        var doubtful = new Option<double?>("--list-doubtful") { Description = "Print every image the model gives less than this probability for its own label (with_mask: P(with_mask); without_mask: 1 - P(with_mask)), lowest first: a list to review labels by eye." };
        var robustness = new Option<bool>("--robustness") { Description = "Also run the robustness suite: every detected face under each camera condition (dark, infrared, noise, blur, JPEG, small, back-light), through the daemon's classifier." };
        var seconds = new Option<double>("--latency-seconds") { Description = "Timing budget per model and batch size.", DefaultValueFactory = _ => 3 };
        var command = new Command("evaluate", "Score mask classifier ONNX models on a folder of with_mask / without_mask crops and write a markdown + JSON report.")
        {
            models, data, split, report, noLatency, noBaseline, seconds, listErrors, robustness, doubtful,
        };
        command.SetAction((result, _) =>
        {
            DataSplit? chosen = result.GetValue(split)!.ToLowerInvariant() switch
            {
                "all" => null,
                "train" => DataSplit.Train,
                "validation" => DataSplit.Validation,
                "test" => DataSplit.Test,
                var other => throw new ArgumentException($"--split must be all, train, validation or test, not '{other}'."),
            };
            var budget = TimeSpan.FromSeconds(result.GetValue(seconds));
            var measure = !result.GetValue(noLatency);
            var evaluator = new Evaluator(Console.Out);
            var reports = new List<ModelReport>();
            foreach (var path in result.GetValue(models)!)
            {
                var score = evaluator.Score(path, result.GetValue(data)!, chosen);
                if (result.GetValue(listErrors))
                {
                    foreach (var error in score.Errors)
                    {
                        Console.Out.WriteLine(FormattableString.Invariant($"  wrong: {error.Truth,-12} P(with_mask)={error.WithMaskProbability:F3}  {error.Path}"));
                    }
                }

                if (result.GetValue(doubtful) is { } below)
                {
                    foreach (var image in score.EveryImage
                        .Select(i => (Image: i, Own: i.Truth == ClassScheme.TwoClass.Labels[ClassScheme.WithMask] ? i.WithMaskProbability : 1 - i.WithMaskProbability))
                        .Where(i => i.Own < below)
                        .OrderBy(i => i.Own))
                    {
                        Console.Out.WriteLine(FormattableString.Invariant($"  doubtful: {image.Image.Truth,-12} P(own label)={image.Own:F3}  {image.Image.Path}"));
                    }
                }

                var latency = measure ? new[] { 1, 8 }.Select(batch => LatencyBenchmark.Measure(File.ReadAllBytes(path), batch, budget)).ToList() : [];
                reports.Add(new ModelReport(Path.GetFullPath(path), score.SizeBytes, score.Metadata.Quantization, score.Metadata.Labels, score.Metrics, latency)
                {
                    Robustness = result.GetValue(robustness) ? RobustnessEvaluation.Run(path, result.GetValue(data)!, chosen) : null,
                });
            }

            IReadOnlyList<LatencyResult>? baseline = null;
            if (measure && !result.GetValue(noBaseline))
            {
                Console.Out.WriteLine("timing the VGG19 baseline (slow by design)...");
                var vgg = Vgg19Baseline.Build();
                baseline = new[] { 1, 8 }.Select(batch => LatencyBenchmark.Measure(vgg, batch, budget, minimumRuns: 3)).ToList();
            }

            var evaluation = new EvaluationReport(Path.GetFullPath(result.GetValue(data)!), result.GetValue(split)!, reports, baseline, MachineDescription.Describe());
            var prefix = result.GetValue(report)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(prefix))!);
            File.WriteAllText(prefix + ".md", evaluation.ToMarkdown());
            File.WriteAllText(prefix + ".json", evaluation.ToJson());
            Console.Out.WriteLine(evaluation.ToMarkdown());
            Console.Out.WriteLine($"report written to {prefix}.md and {prefix}.json");
            return Task.FromResult(0);
        });
        return command;
    }
}
