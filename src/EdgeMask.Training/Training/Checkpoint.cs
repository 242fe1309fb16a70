using System.Text.Json;
using EdgeMask.Training.Model;

namespace EdgeMask.Training.Training;

/// <summary>
/// TorchSharp weights plus a JSON description of the architecture, written right after training so that the
/// export, quantization and report steps can be rerun without training again.
/// </summary>
public sealed record Checkpoint(int Classes, int Width, int InputWidth, int InputHeight, double CropMargin, int Seed, string DatasetSha256, bool Greyscale = false, bool StandardisedContrast = false)
{
    private const string DescriptionFile = "mask_classifier.checkpoint.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string directory, MaskNet net, TrainingOptions options, string datasetSha256)
    {
        Directory.CreateDirectory(directory);
        net.save(Path.Combine(directory, "mask_classifier.weights.dat"));
        var description = new Checkpoint(options.Classes, options.Width, options.Input.Width, options.Input.Height, options.Input.CropMargin, options.Seed, datasetSha256, options.Input.Greyscale, options.Input.StandardisedContrast);
        File.WriteAllText(Path.Combine(directory, DescriptionFile), JsonSerializer.Serialize(description, Json));
    }

    private const string SeedFolderPrefix = "seed-";

    public static string SeedFolder(int seed) => FormattableString.Invariant($"{SeedFolderPrefix}{seed}");

    /// <summary>
    /// The checkpoints a folder holds: itself when it has one, else its seed-N folders (written by `train` with several
    /// seeds) in seed order. A folder holding both is ambiguous and an error naming it.
    /// </summary>
    public static IReadOnlyList<string> FoldersIn(string directory)
    {
        var own = File.Exists(Path.Combine(directory, DescriptionFile));
        var seeds = Directory.Exists(directory)
            ? Directory.GetDirectories(directory, SeedFolderPrefix + "*")
                .Where(folder => File.Exists(Path.Combine(folder, DescriptionFile)))
                .Select(folder => (Folder: folder, Seed: int.TryParse(Path.GetFileName(folder)[SeedFolderPrefix.Length..], out var seed) ? seed : int.MaxValue))
                .OrderBy(entry => entry.Seed)
                .Select(entry => entry.Folder)
                .ToList()
            : [];
        if (own && seeds.Count > 0)
        {
            throw new InvalidDataException($"Checkpoint folder '{directory}' holds a checkpoint and seed-N checkpoint folders; name the one(s) to export with --checkpoint.");
        }

        return seeds.Count > 0 ? seeds : [directory];
    }

    public static (MaskNet Net, Checkpoint Description) Load(string directory)
    {
        var jsonPath = Path.Combine(directory, DescriptionFile);
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

    /// <summary>
    /// What checkpoints averaged into one model must share (classes, input, crop margin, data); an error naming the
    /// folder that differs. Returns the first description.
    /// </summary>
    public static Checkpoint Common(IReadOnlyList<string> folders, IReadOnlyList<Checkpoint> descriptions)
    {
        var first = descriptions[0];
        for (var i = 1; i < descriptions.Count; i++)
        {
            var other = descriptions[i];
            string? difference = (other.Classes != first.Classes) ? $"{other.Classes} classes, not {first.Classes}"
                : (other.InputWidth, other.InputHeight) != (first.InputWidth, first.InputHeight) ? $"input {other.InputWidth}x{other.InputHeight}, not {first.InputWidth}x{first.InputHeight}"
                : other.CropMargin != first.CropMargin ? $"crop margin {other.CropMargin}, not {first.CropMargin}"
                : other.Greyscale != first.Greyscale ? $"{(other.Greyscale ? "grey" : "colour")} input, not {(first.Greyscale ? "grey" : "colour")}"
                : other.StandardisedContrast != first.StandardisedContrast ? $"contrast {(other.StandardisedContrast ? "standardised" : "as captured")}, not {(first.StandardisedContrast ? "standardised" : "as captured")}"
                : other.DatasetSha256 != first.DatasetSha256 ? $"data listing {other.DatasetSha256}, not {first.DatasetSha256}"
                : null;
            if (difference is not null)
            {
                throw new InvalidDataException($"Checkpoint '{folders[i]}' was trained with {difference} as in '{folders[0]}'; only networks trained alike can be averaged into one model.");
            }
        }

        return first;
    }
}
