using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Detection.YuNet;

/// <summary>YuNet face detector settings, bound from the <c>Detection:YuNet</c> configuration section.</summary>
/// <remarks>
/// The model, its checksum and the thread count are read once at start; <see cref="MinScore"/>,
/// <see cref="NmsIouThreshold"/> and <see cref="MaxFaces"/> reload with the configuration file.
/// </remarks>
public sealed class YuNetOptions
{
    public const string SectionName = "Detection:YuNet";

    public const string DefaultModelPath = "models/yunet/yunet_n_dynamic.onnx";

    /// <summary>SHA-256 of <see cref="DefaultModelPath"/> as published by libfacedetection.train (models/yunet/README.md).</summary>
    public const string DefaultModelSha256 = "104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12";

    /// <summary>
    /// The YuNet ONNX file with a dynamic input shape ([1, 3, H, W]). Default <c>models/yunet/yunet_n_dynamic.onnx</c>;
    /// a relative path is resolved against the application's folder.
    /// </summary>
    [Required(ErrorMessage = "Detection:YuNet:ModelPath is required")]
    public string ModelPath { get; set; } = DefaultModelPath;

    /// <summary>
    /// The SHA-256 the model file must have (64 hex digits); a file that differs is refused at start. Default: the
    /// shipped model's. Set it together with <see cref="ModelPath"/> when using another file (<c>sha256sum FILE</c>).
    /// </summary>
    [Required(ErrorMessage = "Detection:YuNet:ModelSha256 is required")]
    public string ModelSha256 { get; set; } = DefaultModelSha256;

    /// <summary>
    /// Faces scoring below this are dropped; the score is YuNet's sqrt(class x objectness). Default 0.6, range 0.05-0.99.
    /// Chosen on the project's evaluation (README, docs/detector-study.md).
    /// </summary>
    [Range(0.05, 0.99, ErrorMessage = "Detection:YuNet:MinScore must be between {1} and {2}")]
    public double MinScore { get; set; } = 0.6;

    /// <summary>Of two overlapping faces the lower-scoring one is dropped above this IoU. Default 0.3 (OpenCV's), range 0.1-0.9.</summary>
    [Range(0.1, 0.9, ErrorMessage = "Detection:YuNet:NmsIouThreshold must be between {1} and {2}")]
    public double NmsIouThreshold { get; set; } = 0.3;

    /// <summary>Most faces reported per frame, best first. Default 100, range 1-1000.</summary>
    [Range(1, 1000, ErrorMessage = "Detection:YuNet:MaxFaces must be between {1} and {2}")]
    public int MaxFaces { get; set; } = 100;

    /// <summary>Threads ONNX Runtime may use inside one operator. Default 1, range 0-64 (0 = one per core).</summary>
    [Range(0, 64, ErrorMessage = "Detection:YuNet:IntraOpThreads must be between {1} and {2}")]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>The absolute model path: <see cref="ModelPath"/> resolved against the application's folder.</summary>
    public string ResolveModelPath() => DetectionOptions.ResolvePath(ModelPath);
}
