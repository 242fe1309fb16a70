using System.Text.Json;
using EdgeMask.Training.Data;
using EdgeMask.Training.Evaluation;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using Google.Protobuf;

namespace EdgeMask.Training.Training;

/// <summary>
/// From trained weights to shipped files: fold BatchNorm, write the fp32 ONNX model and check it against TorchSharp
/// on the test split, calibrate and write the int8 QDQ model, check that ONNX Runtime fuses it to QLinearConv,
/// score both on the test split and store the scores in the models' metadata. Several trained networks make one model
/// that averages their probabilities (an ensemble), merged side by side into one graph (<see cref="NetworkMerge"/>).
/// </summary>
public sealed class ExportPipeline(TextWriter log)
{
    public const double MaxTorchOnnxDifference = 1e-4;
    public const int CalibrationImages = 320;
    public const string DefaultModelName = "mask_classifier";

    public ExportResult Run(MaskNet net, ImageFolder data, ClassScheme classes, InputSpec input, string outputDirectory) =>
        Run([net], data, classes, input, outputDirectory);

    /// <param name="modelName">Base name of the files: {name}.fp32.onnx and {name}.int8.onnx.</param>
    /// <param name="provenance">Entries added to the recorded metrics (how the weights were made, when not by `train` alone).</param>
    public ExportResult Run(IReadOnlyList<MaskNet> nets, ImageFolder data, ClassScheme classes, InputSpec input, string outputDirectory, string modelName = DefaultModelName, IReadOnlyDictionary<string, object>? provenance = null)
    {
        if (string.IsNullOrWhiteSpace(modelName) || modelName.IndexOfAny(['/', '\\']) >= 0 || modelName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"--name '{modelName}' must be a plain file name (no folders).", nameof(modelName));
        }

        using var detector = new TrainingFaceDetector();
        var factory = new SampleFactory(input, AugmentationOptions.None, classes, SyntheticMaskOptions.None);
        var testImages = FaceImage.Load(data.In(DataSplit.Test), detector);
        var test = TensorSet.Build(testImages, input.Height, input.Width, (image, buffer) => factory.Evaluation(image, buffer.Span));
        var calibrationImages = FaceImage.Load(data.In(DataSplit.Train).Take(CalibrationImages), detector);
        var calibration = TensorSet.Build(calibrationImages, input.Height, input.Width, (image, buffer) => factory.Evaluation(image, buffer.Span));

        var folded = NetworkMerge.Merge(nets.Select(BatchNormFolding.Fold).ToList());
        var fp32 = Fp32Exporter.Build(folded, input);
        var fp32Bytes = fp32.ToByteArray();
        var torchProbabilities = TorchInference.Probabilities(nets, test);
        float[] fp32Probabilities;
        using (var session = new OnnxSession(fp32Bytes, Environment.ProcessorCount))
        {
            fp32Probabilities = session.Run(test);
        }

        var difference = MaxAbsoluteDifference(torchProbabilities, fp32Probabilities);
        log.WriteLine(FormattableString.Invariant($"fp32 ONNX vs TorchSharp on {test.Count} test crops: max |difference| {difference:E2} (limit {MaxTorchOnnxDifference:E0})"));
        if (difference > MaxTorchOnnxDifference)
        {
            throw new InvalidOperationException($"The exported fp32 model differs from TorchSharp by {difference:E2} > {MaxTorchOnnxDifference:E0}; the export is wrong.");
        }

        var ranges = Calibrator.Calibrate(folded, input, calibration);
        var int8 = QdqQuantizer.Build(folded, input, ranges);
        var fusion = QdqFusionReport.Inspect(int8.ToByteArray());
        log.WriteLine($"int8 QDQ graph at ORT_ENABLE_EXTENDED: {fusion}");
        if (!fusion.FullyFused(folded.Convs.Count))
        {
            throw new InvalidOperationException($"ONNX Runtime did not fuse all {folded.Convs.Count} convolutions to QLinearConv: {fusion}.");
        }

        float[] int8Probabilities;
        using (var session = new OnnxSession(int8.ToByteArray(), Environment.ProcessorCount))
        {
            int8Probabilities = session.Run(test);
        }

        var fp32Metrics = BinaryMetrics.FromProbabilities(fp32Probabilities, test.Labels, classes.Count);
        var int8Metrics = BinaryMetrics.FromProbabilities(int8Probabilities, test.Labels, classes.Count);
        log.WriteLine(FormattableString.Invariant($"test split ({test.Count}{(input.Greyscale ? ", grey" : "")}): fp32 balanced accuracy {fp32Metrics.BalancedAccuracy:P2}, int8 {int8Metrics.BalancedAccuracy:P2}"));

        var summary = new Dictionary<string, object>
        {
            ["split"] = "test (SHA-256 of file name, 70/15/15)" + (input.Greyscale ? ", crops turned grey" : "") + (input.StandardisedContrast ? ", contrast standardised" : ""),
            ["test_images"] = test.Count,
            ["fp32"] = Summary(fp32Metrics),
            ["int8"] = Summary(int8Metrics),
            ["fp32_vs_torchsharp_max_abs_diff"] = difference,
        };
        if (nets.Count > 1)
        {
            summary["networks_averaged"] = nets.Count;
        }

        foreach (var (key, value) in provenance ?? new Dictionary<string, object>())
        {
            summary[key] = value;
        }

        var metrics = JsonSerializer.Serialize(summary);
        var metadata = new ModelMetadata(classes.Labels, input, data.ListingSha256, metrics, "fp32");
        Directory.CreateDirectory(outputDirectory);
        var fp32Path = Path.Combine(outputDirectory, $"{modelName}.fp32.onnx");
        var int8Path = Path.Combine(outputDirectory, $"{modelName}.int8.onnx");
        metadata.WriteTo(fp32);
        File.WriteAllBytes(fp32Path, fp32.ToByteArray());
        metadata.With("int8-qdq").WriteTo(int8);
        File.WriteAllBytes(int8Path, int8.ToByteArray());
        log.WriteLine($"wrote {fp32Path} ({new FileInfo(fp32Path).Length} bytes) and {int8Path} ({new FileInfo(int8Path).Length} bytes)");
        foreach (var image in testImages.Concat(calibrationImages))
        {
            image.Dispose();
        }

        return new ExportResult(fp32Path, int8Path, fp32Metrics, int8Metrics, difference, fusion);
    }

    private static Dictionary<string, double> Summary(BinaryMetrics m) => new()
    {
        ["accuracy"] = Math.Round(m.Accuracy, 5),
        ["balanced_accuracy"] = Math.Round(m.BalancedAccuracy, 5),
        ["roc_auc"] = Math.Round(m.RocAuc, 5),
        ["ece"] = Math.Round(m.ExpectedCalibrationError, 5),
    };

    private static double MaxAbsoluteDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new InvalidOperationException($"Output lengths differ: {a.Length} vs {b.Length}.");
        }

        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}

public sealed record ExportResult(string Fp32Path, string Int8Path, BinaryMetrics Fp32Metrics, BinaryMetrics Int8Metrics, double TorchOnnxDifference, QdqFusionReport Fusion);
