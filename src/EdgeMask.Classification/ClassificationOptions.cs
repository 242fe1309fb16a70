using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Classification;

/// <summary>Mask classifier settings, bound from the <c>Classification</c> configuration section.</summary>
/// <remarks>
/// <see cref="MinConfidence"/> and <see cref="CropMarginFraction"/> are re-read on every frame (they reload when the
/// configuration file changes); the model, providers, threads and batch size are read once at start.
/// </remarks>
public sealed class ClassificationOptions
{
    public const string SectionName = "Classification";

    public const string DefaultModelPath = "models/mask_classifier.int8.onnx";

    public const string DefaultGreyModelPath = "models/mask_classifier.grey.int8.onnx";

    /// <summary>The crop margin used when neither configuration nor the model's metadata gives one.</summary>
    public const double DefaultCropMarginFraction = 0.15;

    /// <summary>
    /// The ONNX model file (see docs/model-format.md). Default <c>models/mask_classifier.int8.onnx</c>;
    /// a relative path is resolved against the application's folder (<see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    [Required(ErrorMessage = "Classification:ModelPath is required")]
    public string ModelPath { get; set; } = DefaultModelPath;

    /// <summary>
    /// A second model for grey faces: what a camera in infrared night mode delivers, where colour, the main model's
    /// strongest cue, is gone. Default unset: the shipped <c>models/mask_classifier.grey.int8.onnx</c> (trained on grey
    /// crops, see models/MODEL.md) when <see cref="ModelPath"/> is the shipped model, else none (a model of your own is
    /// not paired with ours behind your back). Empty = every face goes to <see cref="ModelPath"/>. It must take the
    /// same input size and crop margin as the main model. Resolved like <see cref="ModelPath"/>; read once at start.
    /// </summary>
    public string? GreyModelPath { get; set; }

    /// <summary>
    /// A face crop whose pixels' colour (largest difference between blue, green and red) averages at most this many
    /// levels is grey and goes to <see cref="GreyModelPath"/>. Default 4, range 0-64: night-mode frames carry a level
    /// or two of chroma noise, colour faces tens of levels. Re-read on every frame.
    /// </summary>
    [Range(0.0, 64.0, ErrorMessage = "Classification:GreyMaxChroma must be between {1} and {2}")]
    public double GreyMaxChroma { get; set; } = 4;

    /// <summary>
    /// ONNX Runtime execution providers in order of preference: <c>CPU</c>, <c>CUDA</c> (Jetson). Default empty,
    /// which means <c>["CPU"]</c>. CPU always remains the fallback for operators another provider cannot run.
    /// </summary>
    /// <remarks>Empty by default because the configuration binder appends to a pre-filled list instead of replacing it.</remarks>
    public IList<string> ExecutionProviders { get; set; } = [];

    /// <summary>Threads ONNX Runtime may use inside one operator. Default 1, range 0-64 (0 = one per core).</summary>
    [Range(0, 64, ErrorMessage = "Classification:IntraOpThreads must be between {1} and {2}")]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Graph optimisations ONNX Runtime applies when it loads the model. Default <c>All</c>.</summary>
    public GraphOptimization GraphOptimizationLevel { get; set; } = GraphOptimization.All;

    /// <summary>
    /// Fraction of the face box added on every side before cropping, range 0-1. Default unset: the model's
    /// <c>edgemask.crop_margin</c> (the margin it was trained with), else 0.15.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Classification:CropMarginFraction must be between {1} and {2}")]
    public double? CropMarginFraction { get; set; }

    /// <summary>
    /// A face whose winning class has a lower probability is reported as uncertain. Default 0.5, range 0-1: with the
    /// shipped model every face gets its likelier side (masked / not masked; models/MODEL.md chose this on the
    /// development scenes), and the tracker's confidence-weighted votes decide how sure a person's verdict is. Raise it
    /// to leave doubtful faces uncertain (0.7: fewer bare faces called masked, more left uncertain).
    /// A runtime override (MQTT command) wins over this value until cleared.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Classification:MinConfidence must be between {1} and {2}")]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>Most faces sent to the model in one inference call; more faces are split. Default 16, range 1-256.</summary>
    [Range(1, 256, ErrorMessage = "Classification:MaxBatchSize must be between {1} and {2}")]
    public int MaxBatchSize { get; set; } = 16;

    /// <summary><see cref="ExecutionProviders"/>, or <c>["CPU"]</c> when none is configured.</summary>
    public IReadOnlyList<string> EffectiveExecutionProviders =>
        ExecutionProviders.Count == 0 ? [ExecutionProviderNames.Cpu] : [.. ExecutionProviders];

    /// <summary>The absolute model path: <see cref="ModelPath"/> resolved against the application's folder.</summary>
    public string ResolveModelPath() => Resolve(ModelPath);

    /// <summary>The absolute grey model path, or null when <see cref="GreyModelPath"/> is empty (no grey model).</summary>
    public string? ResolveGreyModelPath() => GreyModelPath switch
    {
        null => ModelPath == DefaultModelPath ? Resolve(DefaultGreyModelPath) : null,
        _ when string.IsNullOrWhiteSpace(GreyModelPath) => null,
        _ => Resolve(GreyModelPath),
    };

    private static string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));
}

/// <summary>How much ONNX Runtime rewrites the graph at load time (ONNX Runtime's GraphOptimizationLevel).</summary>
public enum GraphOptimization
{
    Disabled,
    Basic,
    Extended,
    All,
}
