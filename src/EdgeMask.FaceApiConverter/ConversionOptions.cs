namespace EdgeMask.FaceApiConverter;

/// <summary>Which SSD variants the converter writes besides the tiny detector and the fp32 SSD at 512.</summary>
/// <param name="SsdInputSizes">SSD input sides (multiples of 32, 128-1024); 512 is always included.</param>
/// <param name="CalibrationImageDirectory">JPEG photos to calibrate the int8 SSDs on; null writes fp32 SSDs only.</param>
/// <param name="Fp32AtEverySize">
/// Also write fp32 SSDs at the sizes other than 512 when int8 ones are written (for measuring; the int8 ones are the
/// ones to run). The fp32 SSD at 512 is always written: it is face-api's own network, the reference the others are
/// checked against.
/// </param>
internal sealed record ConversionOptions(IReadOnlyList<int> SsdInputSizes, string? CalibrationImageDirectory, bool Fp32AtEverySize = false)
{
    /// <summary>Sides written by default: face-api's 512 and the faster 384 (see docs/detector-study.md).</summary>
    public static readonly IReadOnlyList<int> DefaultSsdInputSizes = [512, 384];

    public static ConversionOptions Default { get; } = new(DefaultSsdInputSizes, Quantization.CalibrationImages.DefaultDirectory);

    /// <summary>Only the fp32 detectors at face-api's sizes, as face-api itself runs them.</summary>
    public static ConversionOptions Fp32Only { get; } = new([SsdMobilenetV1Graph.DefaultInputSizePixels], null);

    /// <summary>The file the SSD of this input side and precision is written to: face_detector_ssd[_SIZE][.int8].onnx.</summary>
    public static string SsdFileName(int inputSizePixels, bool int8) =>
        "face_detector_ssd" + (inputSizePixels == SsdMobilenetV1Graph.DefaultInputSizePixels ? "" : $"_{inputSizePixels}") + (int8 ? ".int8" : "") + ".onnx";

    public bool WritesInt8 => CalibrationImageDirectory is not null;

    public bool WritesFp32(int inputSizePixels) =>
        inputSizePixels == SsdMobilenetV1Graph.DefaultInputSizePixels || !WritesInt8 || Fp32AtEverySize;
}
