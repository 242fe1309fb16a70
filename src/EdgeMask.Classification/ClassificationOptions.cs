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

    /// <summary>The crop margin used when neither configuration nor the model's metadata gives one.</summary>
    public const double DefaultCropMarginFraction = 0.15;

    /// <summary>
    /// The ONNX model file (see docs/model-format.md). Default <c>models/mask_classifier.int8.onnx</c>;
    /// a relative path is resolved against the application's folder (<see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    [Required(ErrorMessage = "Classification:ModelPath is required")]
    public string ModelPath { get; set; } = DefaultModelPath;

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
    public string ResolveModelPath() =>
        Path.GetFullPath(Path.IsPathRooted(ModelPath) ? ModelPath : Path.Combine(AppContext.BaseDirectory, ModelPath));
}

/// <summary>How much ONNX Runtime rewrites the graph at load time (ONNX Runtime's GraphOptimizationLevel).</summary>
public enum GraphOptimization
{
    Disabled,
    Basic,
    Extended,
    All,
}
