using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Cli;

/// <summary>`export`: redo export, calibration and quantization from saved checkpoints, without training.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { DefaultValueFactory = _ => DefaultPaths.Models };
        var checkpoints = new Option<string[]>("--checkpoint")
        {
            Description = "Checkpoint folder written by `train` (its seed-N folders when it trained several); repeat it to export one model that averages several trained networks.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [DefaultPaths.Checkpoint],
        };
        var name = new Option<string>("--name") { Description = "Base name of the model files ({name}.fp32.onnx, {name}.int8.onnx).", DefaultValueFactory = _ => ExportPipeline.DefaultModelName };
        var command = new Command("export", "Export fp32 and int8 ONNX models from TorchSharp checkpoints written by `train`.") { data, output, checkpoints, name };
        command.SetAction((result, _) =>
        {
            var folders = result.GetValue(checkpoints)!.SelectMany(Checkpoint.FoldersIn).ToList();
            var loaded = folders.Select(Checkpoint.Load).ToList();
            try
            {
                var description = Checkpoint.Common(folders, loaded.Select(c => c.Description).ToList());
                var classes = ClassScheme.FromCount(description.Classes);
                var folder = ImageFolder.Open(result.GetValue(data)!, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
                if (folder.ListingSha256 != description.DatasetSha256)
                {
                    Console.Error.WriteLine($"warning: data listing {folder.ListingSha256} differs from the one the checkpoint was trained on ({description.DatasetSha256}).");
                }

                var input = InputSpec.Default with { Width = description.InputWidth, Height = description.InputHeight, CropMargin = description.CropMargin, Greyscale = description.Greyscale, StandardisedContrast = description.StandardisedContrast };
                new ExportPipeline(Console.Out).Run(loaded.Select(c => c.Net).ToList(), folder, classes, input, result.GetValue(output)!, result.GetValue(name)!);
                return Task.FromResult(0);
            }
            finally
            {
                foreach (var (net, _) in loaded)
                {
                    net.Dispose();
                }
            }
        });
        return command;
    }
}
