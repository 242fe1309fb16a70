using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Detection.Learned;

/// <summary>Learned (ONNX) face detector settings, bound from the <c>Detection:Learned</c> configuration section.</summary>
/// <remarks>Used when <c>Detection:Detector</c> is <c>tiny</c> or <c>ssd</c>; read once at start.</remarks>
public sealed class LearnedDetectorOptions
{
    public const string SectionName = "Detection:Learned";

    public const string DefaultTinyModelPath = "models/face_detector_tiny.onnx";

    /// <summary>The int8 SSD at 512: as accurate as fp32 on the study's scenes at about half the time (docs/detector-study.md).</summary>
    public const string DefaultSsdModelPath = "models/face_detector_ssd.int8.onnx";

    /// <summary>
    /// The converted tiny detector. Default <c>models/face_detector_tiny.onnx</c> (written by
    /// scripts/fetch-face-detectors.sh); a relative path is resolved against the application's folder.
    /// </summary>
    [Required]
    public string TinyModelPath { get; set; } = DefaultTinyModelPath;

    /// <summary>
    /// The converted SSD MobileNetV1 detector. Default <c>models/face_detector_ssd.int8.onnx</c> (static int8, 512 input);
    /// scripts/fetch-face-detectors.sh also writes <c>face_detector_ssd.onnx</c> (fp32, face-api's own network) and
    /// <c>face_detector_ssd_384.int8.onnx</c> (faster, finds fewer small faces). Relative as above.
    /// </summary>
    [Required]
    public string SsdModelPath { get; set; } = DefaultSsdModelPath;

    /// <summary>
    /// Side of the square network input for the tiny detector, a multiple of 32. Default 416 (face-api's default),
    /// range 128-1024; smaller is faster and misses small faces. The SSD's side is fixed by its model (see <see cref="SsdInputSizePixels"/>).
    /// </summary>
    [Range(128, 1024)]
    public int InputSizePixels { get; set; } = 416;

    /// <summary>
    /// The SSD's input side, a multiple of 32 in 128-1024. Default unset: the side the model at <see cref="SsdModelPath"/>
    /// was converted for (its prior boxes fix it; the converter writes 512 and 384). When set, it must match the
    /// model, and a mismatch fails at start naming both; it documents the choice and guards against the wrong file.
    /// </summary>
    [Range(128, 1024)]
    public int? SsdInputSizePixels { get; set; }

    /// <summary>
    /// Faces scoring at or below this are dropped. Default 0.4, range 0.01-0.99. face-api uses 0.5; on the study's
    /// scenes 0.4 found more masked faces with both detectors at about the same precision (docs/detector-study.md).
    /// </summary>
    [Range(0.01, 0.99)]
    public double MinScore { get; set; } = 0.4;

    /// <summary>
    /// Of two overlapping boxes, the lower-scoring one is dropped when their IoU exceeds this. Default 0.4 (face-api's
    /// tiny detector; its SSD uses 0.5), range 0.1-0.9.
    /// </summary>
    [Range(0.1, 0.9)]
    public double NmsIouThreshold { get; set; } = 0.4;

    /// <summary>Threads ONNX Runtime may use inside one operator. Default 1, range 0-64 (0 = one per core).</summary>
    [Range(0, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Most faces reported per frame, best first. Default 100, range 1-1000.</summary>
    [Range(1, 1000)]
    public int MaxFaces { get; set; } = 100;

    /// <summary>The model path for <paramref name="kind"/>, resolved against the application's folder.</summary>
    public string ResolveModelPath(LearnedDetectorKind kind)
    {
        var path = kind == LearnedDetectorKind.Tiny ? TinyModelPath : SsdModelPath;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));
    }

}
