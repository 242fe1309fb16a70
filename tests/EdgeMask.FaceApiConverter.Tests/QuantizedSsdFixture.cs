using EdgeMask.FaceApiConverter.Quantization;
using Google.Protobuf;
using Onnx;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// The SSD converted from the pinned package at 512 in fp32 and int8, and at 384 in fp32, written to a temp folder.
/// The int8 model is calibrated on <see cref="CalibrationCount"/> opencv-doc photos, never on messi5.jpg, which the
/// tests compare on.
/// </summary>
public sealed class QuantizedSsdFixture : IAsyncLifetime
{
    public const int CalibrationCount = 16;
    public const string ComparisonPhoto = "messi5.jpg";

    private readonly FaceApiPackageFixture _package = new();

    public string? SkipReason { get; private set; }

    public string Directory { get; } = RepoPaths.NewTempDirectory("ssd-int8");

    public string Fp32Path => Path.Combine(Directory, ConversionOptions.SsdFileName(512, int8: false));

    public string Int8Path => Path.Combine(Directory, ConversionOptions.SsdFileName(512, int8: true));

    public string Fp32At384Path => Path.Combine(Directory, ConversionOptions.SsdFileName(384, int8: false));

    public byte[] Int8Model { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _package.InitializeAsync();
        SkipReason = _package.SkipReason
            ?? (System.IO.Directory.Exists(SystemTools.OpenCvSamples) ? null : $"{SystemTools.OpenCvSamples} is absent; install opencv-doc for the calibration photos.");
        if (SkipReason is not null)
        {
            return;
        }

        var weights = WeightsReader.Read(Path.Combine(_package.ModelDirectory, SsdMobilenetV1Graph.ManifestFileName));
        var fp32 = SsdMobilenetV1Graph.Build(weights);
        var calibration = CalibrationImages.Find(SystemTools.OpenCvSamples)
            .Where(f => Path.GetFileName(f) != ComparisonPhoto)
            .Take(CalibrationCount)
            .ToList();
        var int8 = FaceApiModelConverter.QuantizeSsd(fp32, 512, calibration);
        Int8Model = int8.ToByteArray();
        fp32.WriteToFile(Fp32Path);
        File.WriteAllBytes(Int8Path, Int8Model);
        SsdMobilenetV1Graph.Build(weights, 384).WriteToFile(Fp32At384Path);
    }

    public async Task DisposeAsync()
    {
        await _package.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
