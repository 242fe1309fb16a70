using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>Verifies the package's model files and writes both detectors as ONNX files.</summary>
internal static class FaceApiModelConverter
{
    public const string TinyOutputFileName = "face_detector_tiny.onnx";
    public const string SsdOutputFileName = "face_detector_ssd.onnx";

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Convert(string modelDirectory, string outputDirectory, IReadOnlyDictionary<string, string> pinnedSha256)
    {
        ChecksumVerifier.Verify(modelDirectory, pinnedSha256);
        Directory.CreateDirectory(outputDirectory);

        var tiny = TinyFaceDetectorGraph.Build(WeightsReader.Read(Path.Combine(modelDirectory, TinyFaceDetectorGraph.ManifestFileName)));
        var ssd = SsdMobilenetV1Graph.Build(WeightsReader.Read(Path.Combine(modelDirectory, SsdMobilenetV1Graph.ManifestFileName)));
        return [Write(tiny, outputDirectory, TinyOutputFileName), Write(ssd, outputDirectory, SsdOutputFileName)];
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
