using BenchmarkDotNet.Attributes;
using EdgeMask.Classification;
using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Cutting one face (with the 0.15 margin) out of a 640x480 bench frame and resizing it bilinearly to the shipped
/// model's 64x64 input, alone and followed by the vectorised tensor write: the per-face preprocessing cost. The grey
/// variants add what a face in a night-mode frame gets before the grey model: turned grey, and contrast-standardised
/// when the model says so (<see cref="CropPreparation"/>).
/// </summary>
[MemoryDiagnoser]
public class FaceCropBenchmarks
{
    private const double Margin = 0.15;
    private static readonly Size InputSize = new(64, 64);

    private readonly CropTensorWriter _writer = new(ChannelOrder.Rgb, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
    private readonly Mat _crop = new();
    private readonly Mat _prepared = new();
    private readonly Mat _luminance = new();
    private readonly float[] _tensor = new float[3 * 64 * 64];
    private Mat _frame = null!;
    private PixelBox _face;

    [GlobalSetup]
    public void Setup()
    {
        _frame = BenchScene.Frame(640, 480, 1);
        _face = BenchScene.FindFaces(_frame, 1)[0];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _frame.Dispose();
        _crop.Dispose();
        _prepared.Dispose();
        _luminance.Dispose();
    }

    [Benchmark]
    public bool CropAndResize() => FaceCrop.TryExtract(_frame, _face, Margin, _crop, InputSize);

    [Benchmark]
    public void CropResizeAndWriteTensor()
    {
        FaceCrop.TryExtract(_frame, _face, Margin, _crop, InputSize);
        _writer.Write(_crop, _tensor);
    }

    [Benchmark]
    public void CropResizeGreyAndWriteTensor() => CropPrepareAndWrite(InputContrast.AsCaptured);

    [Benchmark]
    public void CropResizeGreyStandardiseAndWriteTensor() => CropPrepareAndWrite(InputContrast.Standardised);

    private void CropPrepareAndWrite(InputContrast contrast)
    {
        FaceCrop.TryExtract(_frame, _face, Margin, _crop, InputSize);
        _writer.Write(CropPreparation.Prepare(_crop, InputColour.Grey, contrast, _prepared, _luminance), _tensor);
    }
}
