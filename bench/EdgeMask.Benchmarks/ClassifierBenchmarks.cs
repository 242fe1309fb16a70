using BenchmarkDotNet.Attributes;
using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Benchmarks;

/// <summary>
/// The daemon's IMaskClassifier (AddClassification, default settings, the shipped models/mask_classifier.int8.onnx)
/// on a 640x480 bench frame with 1 or 8 faces: crops, tensor writes and one batched inference per call.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private Mat _frame = null!;
    private PixelBox[] _faces = [];
    private ServiceProvider _services = null!;
    private IMaskClassifier _classifier = null!;

    [Params(1, 8)]
    public int Faces { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _frame = BenchScene.Frame(640, 480, Faces);
        _faces = BenchScene.FindFaces(_frame, Faces);
        _services = Services.Build(new Dictionary<string, string?>(), services => services.AddClassification());
        _classifier = _services.GetRequiredService<IMaskClassifier>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _frame.Dispose();
    }

    [Benchmark]
    public IReadOnlyList<MaskPrediction> ClassifyFrame() => _classifier.Classify(_frame, _faces);
}
