using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Cli;

/// <summary>`export`: redo export, calibration and quantization from a saved checkpoint, without training.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { DefaultValueFactory = _ => DefaultPaths.Models };
        var checkpoint = new Option<string>("--checkpoint") { DefaultValueFactory = _ => DefaultPaths.Checkpoint };
        var command = new Command("export", "Export fp32 and int8 ONNX models from a TorchSharp checkpoint written by `train`.") { data, output, checkpoint };
        command.SetAction((result, _) =>
        {
            var (net, description) = Checkpoint.Load(result.GetValue(checkpoint)!);
            var classes = ClassScheme.FromCount(description.Classes);
            var folder = ImageFolder.Open(result.GetValue(data)!, ClassScheme.TwoClass.Labels, SplitFractions.Default);
            if (folder.ListingSha256 != description.DatasetSha256)
            {
                Console.Error.WriteLine($"warning: data listing {folder.ListingSha256} differs from the one the checkpoint was trained on ({description.DatasetSha256}).");
            }

            var input = InputSpec.Default with { Width = description.InputWidth, Height = description.InputHeight, CropMargin = description.CropMargin };
            new ExportPipeline(Console.Out).Run(net, folder, classes, input, result.GetValue(output)!);
            return Task.FromResult(0);
        });
        return command;
    }
}
