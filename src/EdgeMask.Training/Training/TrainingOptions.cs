using EdgeMask.Training.Imaging;

namespace EdgeMask.Training.Training;

/// <summary>Everything a training or fine-tuning run depends on; with the same data and options, the same model results.</summary>
public sealed record TrainingOptions
{
    /// <summary>ImageFolder with with_mask/ and without_mask/.</summary>
    public required string DataDirectory { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Maximum epochs (default 160, 1-500); early stopping may end sooner.</summary>
    public int Epochs { get; init; } = 160;

    /// <summary>Epochs without a better validation loss before stopping (default 40).</summary>
    public int Patience { get; init; } = 40;

    public int BatchSize { get; init; } = 64;

    /// <summary>Peak AdamW learning rate (default 0.004), annealed by a cosine to 2% of it.</summary>
    public double LearningRate { get; init; } = 0.004;

    public double WeightDecay { get; init; } = 0.0001;

    /// <summary>
    /// Decay of the moving average of the weights that is validated and exported (default 0.998: about the last 500
    /// steps); 0 = no average, the last step's weights.
    /// </summary>
    public double WeightAverageDecay { get; init; } = 0.998;

    /// <summary>2 (with_mask, without_mask) or 3 (plus mask_weared_incorrect from masks painted below the nose).</summary>
    public int Classes { get; init; } = 3;

    /// <summary>Channels of the stem; later layers are 2x, 4x, 6x, 8x it (default 32).</summary>
    public int Width { get; init; } = 32;

    public InputSpec Input { get; init; } = InputSpec.Default;

    public AugmentationOptions Augmentation { get; init; } = new();

    public SyntheticMaskOptions SyntheticMasks { get; init; } = new();

    /// <summary>
    /// Also train and validate on images where the daemon's detector finds no face, framed as the whole image. Default
    /// false: the daemon only ever classifies faces its detector found, cropped around the detector's box.
    /// </summary>
    public bool KeepUndetected { get; init; }

    /// <summary>
    /// Weights of the classes in the training loss, in the order with_mask, without_mask, mask_weared_incorrect
    /// (default none: all 1). Above 1 makes missing that class cost more: a sentinel must not miss a bare face.
    /// </summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Use at most this many images per class and split (0 = all): for smoke tests.</summary>
    public int MaxImagesPerClass { get; init; }

    /// <summary>
    /// A shipped fp32 ONNX model to start from: by default its feature layers are frozen and only the head is trained;
    /// with <see cref="FineTuneAllLayers"/> every layer is trained.
    /// </summary>
    public string? FineTuneFrom { get; init; }

    /// <summary>
    /// Fine-tune every layer of <see cref="FineTuneFrom"/>, not only its head. BatchNorm stays in inference mode (the
    /// shipped file holds it folded into the convolutions), so this trains the folded weights and biases.
    /// </summary>
    public bool FineTuneAllLayers { get; init; }

    /// <summary>Which network of an averaged <see cref="FineTuneFrom"/> model to start from (0 = the first).</summary>
    public int FineTuneMember { get; init; }

    /// <summary>CPU threads for TorchSharp and data preparation (default 1: libtorch's spinning OpenMP workers slow down badly on a busy machine).</summary>
    public int Threads { get; init; } = 1;

    public void Validate()
    {
        if (Epochs is < 1 or > 500) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "--epochs must be 1-500.");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "--patience must be at least 1.");
        if (BatchSize is < 2 or > 1024) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "--batch-size must be 2-1024.");
        if (LearningRate is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "--learning-rate must be in (0, 1].");
        if (Classes is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "--classes must be 2 or 3.");
        if (Width is < 4 or > 64) throw new ArgumentOutOfRangeException(nameof(Width), Width, "--width must be 4-64.");
        if (Input.Width is < 32 or > 160 || Input.Height is < 32 or > 160) throw new ArgumentOutOfRangeException(nameof(Input), "--input-size must be 32-160 pixels.");
        if (WeightAverageDecay is < 0 or >= 1 || double.IsNaN(WeightAverageDecay)) throw new ArgumentOutOfRangeException(nameof(WeightAverageDecay), WeightAverageDecay, "--weight-average must be 0 (off) or in (0, 1).");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "--threads must be at least 1.");
        if (ClassWeights is { } weights && (weights.Count != Classes || weights.Any(w => !(w > 0) || w > 10))) throw new ArgumentOutOfRangeException(nameof(ClassWeights), $"--class-weights needs {Classes} weights in (0, 10], one per class (with_mask, without_mask{(Classes == 3 ? ", mask_weared_incorrect" : string.Empty)}).");
        if (FineTuneAllLayers && FineTuneFrom is null) throw new ArgumentException("--fine-tune-all needs --fine-tune-from.");
        if (FineTuneMember < 0) throw new ArgumentOutOfRangeException(nameof(FineTuneMember), FineTuneMember, "The fine-tuned member must be 0 or more.");
        if (FineTuneFrom is not null && !File.Exists(FineTuneFrom)) throw new FileNotFoundException($"--fine-tune-from model '{FineTuneFrom}' does not exist.", FineTuneFrom);
        Augmentation.Validate();
        SyntheticMasks.Validate();
    }
}
