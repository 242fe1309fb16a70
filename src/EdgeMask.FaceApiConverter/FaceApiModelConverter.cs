using EdgeMask.FaceApiConverter.Quantization;
using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>Verifies the package's model files and writes the detectors as ONNX files.</summary>
internal static class FaceApiModelConverter
{
    public const string TinyOutputFileName = "face_detector_tiny.onnx";
    public static readonly string SsdOutputFileName = ConversionOptions.SsdFileName(SsdMobilenetV1Graph.DefaultInputSizePixels, int8: false);

    /// <summary>The SSD graph's input is mapped to -1..1 before the first convolution.</summary>
    private static readonly (float Min, float Max) SsdNormalisedInputRange = (-1f, 1f);

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Convert(string modelDirectory, string outputDirectory, IReadOnlyDictionary<string, string> pinnedSha256, ConversionOptions? options = null)
    {
        options ??= ConversionOptions.Fp32Only;
        ChecksumVerifier.Verify(modelDirectory, pinnedSha256);
        var calibrationFiles = options.CalibrationImageDirectory is { } calibration ? CalibrationImages.Find(calibration) : null;
        Directory.CreateDirectory(outputDirectory);

        var tiny = TinyFaceDetectorGraph.Build(WeightsReader.Read(Path.Combine(modelDirectory, TinyFaceDetectorGraph.ManifestFileName)));
        var written = new List<string> { Write(tiny, outputDirectory, TinyOutputFileName) };
        var ssdWeights = WeightsReader.Read(Path.Combine(modelDirectory, SsdMobilenetV1Graph.ManifestFileName));
        foreach (var size in options.SsdInputSizes.Append(SsdMobilenetV1Graph.DefaultInputSizePixels).Distinct().Order())
        {
            var ssd = SsdMobilenetV1Graph.Build(ssdWeights, size);
            if (options.WritesFp32(size))
            {
                written.Add(Write(ssd, outputDirectory, ConversionOptions.SsdFileName(size, int8: false)));
            }

            if (calibrationFiles is not null)
            {
                written.Add(Write(QuantizeSsd(ssd, size, calibrationFiles), outputDirectory, ConversionOptions.SsdFileName(size, int8: true)));
            }
        }

        return written;
    }

    /// <summary>Static int8 QDQ of a converted SSD, its ReLU6 ranges calibrated on the given photos.</summary>
    public static ModelProto QuantizeSsd(ModelProto ssd, int inputSizePixels, IReadOnlyList<string> calibrationFiles)
    {
        var activations = QdqConvQuantizer.ActivationsToCalibrate(ssd);
        var maxima = ActivationCalibrator.Maxima(
            ssd,
            SsdMobilenetV1Graph.InputName,
            activations,
            CalibrationImages.Tensors(calibrationFiles, inputSizePixels),
            [1, 3, inputSizePixels, inputSizePixels]);
        return QdqConvQuantizer.Quantize(ssd, SsdNormalisedInputRange, maxima);
    }

    private static string Write(ModelProto model, string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        var temporary = path + ".tmp";
        model.WriteToFile(temporary);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
