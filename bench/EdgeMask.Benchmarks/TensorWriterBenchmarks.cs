using BenchmarkDotNet.Attributes;
using EdgeMask.Classification;
using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// Preprocessing of one face crop into the model's input tensor (RGB, ImageNet mean/std, as the shipped model):
/// the former scalar table writer, the vectorised CropTensorWriter the daemon uses, and an OpenCV LUT + mixChannels
/// candidate. The crop is a real face of the bench scene resized to Side x Side (64 = the shipped model's input).
/// </summary>
[MemoryDiagnoser]
public class TensorWriterBenchmarks
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly ScalarTableTensorWriter _scalar = new(ChannelOrder.Rgb, Mean, Std);
    private readonly CropTensorWriter _vectorised = new(ChannelOrder.Rgb, Mean, Std);
    private readonly OpenCvLutTensorWriter _openCv = new(ChannelOrder.Rgb, Mean, Std);
    private readonly Mat _crop = new();
    private float[] _tensor = [];

    [Params(64, 128)]
    public int Side { get; set; } = 64;

    [GlobalSetup]
    public void Setup()
    {
        using var frame = BenchScene.Frame(640, 480, 1);
        var face = BenchScene.FindFaces(frame, 1)[0];
        FaceCrop.Extract(frame, face, 0.15, _crop, new Size(Side, Side));
        _tensor = GC.AllocateArray<float>(3 * Side * Side, pinned: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _crop.Dispose();
        _openCv.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void ScalarTable() => _scalar.Write(_crop, _tensor);

    [Benchmark]
    public void VectorisedCropTensorWriter() => _vectorised.Write(_crop, _tensor);

    [Benchmark]
    public void OpenCvLutAndMixChannels() => _openCv.Write(_crop, _tensor);
}
