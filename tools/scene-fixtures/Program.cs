using EdgeMask.Evaluation.Fixtures;

// edgemask-scene-fixtures --crops DIR --out DIR [--backgrounds DIR] [--count N] [--seed N]
// Writes OUT/images/*.jpg and OUT/annotations/*.xml for `edgemask evaluate --images OUT/images --annotations OUT/annotations`.
const string DefaultBackgrounds = "/usr/share/doc/opencv-doc/examples/data";

// messi5.jpg shows real, unannotated faces: every detection on them would count as a false positive.
string[] backgroundsWithFaces = ["messi5.jpg"];

var arguments = ParseArguments(args);
if (arguments is null)
{
    return 64;
}

var crops = arguments.GetValueOrDefault("--crops");
var output = arguments.GetValueOrDefault("--out");
if (crops is null || output is null)
{
    Console.Error.WriteLine("usage: edgemask-scene-fixtures --crops DIR --out DIR [--backgrounds DIR] [--count N] [--seed N]");
    return 64;
}

if (!Directory.Exists(Path.Combine(crops, "with_mask")) || !Directory.Exists(Path.Combine(crops, "without_mask")))
{
    Console.Error.WriteLine($"edgemask-scene-fixtures: --crops '{crops}' must hold with_mask/ and without_mask/ (e.g. ../shared/datasets/mask-crops).");
    return 66;
}

var outputFull = Path.GetFullPath(output);
if (IsInside(outputFull, Path.GetFullPath(crops)) || FindRepositoryAbove(outputFull) is not null)
{
    Console.Error.WriteLine($"edgemask-scene-fixtures: --out '{outputFull}' is inside the crops folder or a git repository; write fixtures to a temporary folder.");
    return 73;
}

var backgroundDir = arguments.GetValueOrDefault("--backgrounds") ?? DefaultBackgrounds;
if (!Directory.Exists(backgroundDir))
{
    Console.Error.WriteLine($"edgemask-scene-fixtures: background folder '{backgroundDir}' does not exist (install Debian's opencv-doc, or pass --backgrounds).");
    return 66;
}

var backgrounds = Directory.EnumerateFiles(backgroundDir, "*.jpg").Where(f => !backgroundsWithFaces.Contains(Path.GetFileName(f))).ToArray();
try
{
    var options = new SceneCompositionOptions
    {
        SceneCount = ReadInt(arguments, "--count", 150),
        Seed = ReadInt(arguments, "--seed", 5),
    };
    var scenes = new SceneComposer(options, crops, backgrounds).Compose(outputFull);
    var faces = scenes.SelectMany(s => s.Annotation.Faces).ToArray();
    Console.WriteLine(
        $"wrote {scenes.Count} scenes with {faces.Length} faces ({faces.Count(f => f.RawLabel == "with_mask")} with_mask) from {backgrounds.Length} backgrounds to {outputFull} (seed {options.Seed})");
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or FormatException)
{
    Console.Error.WriteLine($"edgemask-scene-fixtures: {ex.Message}");
    return 65;
}

static Dictionary<string, string>? ParseArguments(string[] args)
{
    string[] known = ["--crops", "--out", "--backgrounds", "--count", "--seed"];
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i += 2)
    {
        if (!known.Contains(args[i]) || i + 1 >= args.Length)
        {
            Console.Error.WriteLine($"edgemask-scene-fixtures: unknown option or missing value: '{args[i]}' (options: {string.Join(", ", known)}, each followed by a value)");
            return null;
        }

        values[args[i]] = args[i + 1];
    }

    return values;
}

static int ReadInt(Dictionary<string, string> arguments, string name, int fallback) =>
    !arguments.TryGetValue(name, out var text) ? fallback
    : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
    : throw new FormatException($"{name} must be a whole number, got '{text}'.");

static bool IsInside(string path, string folder) =>
    path.Equals(folder, StringComparison.Ordinal) || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

static string? FindRepositoryAbove(string path)
{
    for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
    {
        if (Directory.Exists(Path.Combine(dir.FullName, ".git")))
        {
            return dir.FullName;
        }
    }

    return null;
}
