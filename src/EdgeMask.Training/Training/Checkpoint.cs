using System.Text.Json;
using EdgeMask.Training.Model;

namespace EdgeMask.Training.Training;

/// <summary>
/// TorchSharp weights plus a JSON description of the architecture, written right after training so that the
/// export, quantization and report steps can be rerun without training again.
/// </summary>
public sealed record Checkpoint(int Classes, int Width, int InputWidth, int InputHeight, double CropMargin, int Seed, string DatasetSha256)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string directory, MaskNet net, TrainingOptions options, string datasetSha256)
    {
        Directory.CreateDirectory(directory);
        net.save(Path.Combine(directory, "mask_classifier.weights.dat"));
        var description = new Checkpoint(options.Classes, options.Width, options.Input.Width, options.Input.Height, options.Input.CropMargin, options.Seed, datasetSha256);
        File.WriteAllText(Path.Combine(directory, "mask_classifier.checkpoint.json"), JsonSerializer.Serialize(description, Json));
    }

    public static (MaskNet Net, Checkpoint Description) Load(string directory)
    {
        var jsonPath = Path.Combine(directory, "mask_classifier.checkpoint.json");
        if (!File.Exists(jsonPath))
        {
            throw new FileNotFoundException($"Checkpoint folder '{directory}' has no mask_classifier.checkpoint.json; run `edgemask-train train --checkpoint {directory}` first.", jsonPath);
        }

        var description = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(jsonPath)) ?? throw new InvalidDataException($"'{jsonPath}' is empty.");
        var net = new MaskNet(MaskNetArchitecture.Compact(description.Classes, description.Width));
        net.load(Path.Combine(directory, "mask_classifier.weights.dat"));
        net.eval();
        return (net, description);
    }
}
