using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Cli;

/// <summary>
/// `interpolate`: a model between a fine-tuned model and the model it was fine-tuned from (WiSE-FT), or between two
/// fine-tunes of one model (a model soup), weight by weight (<see cref="WeightInterpolation"/>), exported, calibrated
/// and quantized like a trained one. Networks that do not share a starting point do not average into anything useful.
/// </summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "fp32 model the other was fine-tuned from, or another fine-tune of the same model (weight 0).", Required = true };
        var to = new Option<string>("--to") { Description = "fp32 model fine-tuned from --from, or from the model --from was fine-tuned from (weight 1).", Required = true };
        var weight = new Option<double>("--weight") { Description = "How far towards --to, 0-1.", DefaultValueFactory = _ => 0.5 };
        var data = new Option<string>("--data") { Description = "Data set for calibration and the test-split scores.", DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { Description = "Folder for {name}.fp32.onnx and {name}.int8.onnx.", Required = true };
        var name = new Option<string>("--name") { Description = "Base name of the model files.", DefaultValueFactory = _ => ExportPipeline.DefaultModelName };
        var command = new Command("interpolate", "Average a fine-tuned fp32 model with the fp32 model it started from (WiSE-FT) or with a sibling fine-tune (a model soup), weight by weight, and export it as fp32 and int8.")
        {
            from, to, weight, data, output, name,
        };
        command.SetAction((result, _) =>
        {
            var folder = ImageFolder.Open(result.GetValue(data)!, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
            Run(result.GetValue(from)!, result.GetValue(to)!, result.GetValue(weight), folder, result.GetValue(output)!, result.GetValue(name)!, Console.Out);
            return Task.FromResult(0);
        });
        return command;
    }

    internal static ExportResult Run(string fromPath, string toPath, double weight, ImageFolder data, string outputDirectory, string modelName, TextWriter log)
    {
        var input = CommonInput(fromPath, toPath);
        var interpolated = WeightInterpolation.Interpolate(OnnxWeightsReader.Read(fromPath), OnnxWeightsReader.Read(toPath), weight);
        var nets = NetworkMerge.Split(interpolated).Select(network => BatchNormFolding.Unfold(network)).ToList();
        try
        {
            foreach (var net in nets)
            {
                net.eval();
            }

            log.WriteLine(FormattableString.Invariant($"{interpolated.Members} network(s) interpolated {weight:0.###} of the way from {fromPath} to {toPath}"));
            var provenance = new Dictionary<string, object>
            {
                ["interpolated"] = new Dictionary<string, object> { ["from"] = Path.GetFileName(fromPath), ["to"] = Path.GetFileName(toPath), ["weight"] = weight },
            };
            return new ExportPipeline(log).Run(nets, data, ClassScheme.FromCount(interpolated.Classes), input, outputDirectory, modelName, provenance);
        }
        finally
        {
            foreach (var net in nets)
            {
                net.Dispose();
            }
        }
    }

    /// <summary>The input both models were trained for; models that crop or normalise differently do not interpolate.</summary>
    private static InputSpec CommonInput(string fromPath, string toPath)
    {
        InputSpec Read(string path)
        {
            using var session = OnnxSession.FromFile(path);
            return ModelMetadata.Read(path, session.Metadata, session.Height, session.Width).Input;
        }

        var (a, b) = (Read(fromPath), Read(toPath));
        if (!a.SameInputAs(b))
        {
            throw new InvalidDataException($"'{toPath}' does not take the input of '{fromPath}' (size, crop margin, mean/std, colour or contrast differ); only models of one input interpolate.");
        }

        return a;
    }
}
