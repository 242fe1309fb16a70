using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Benchmarks;

/// <summary>
/// ONNX Runtime session options for the shipped classifier (models/mask_classifier.int8.onnx): the time to create a
/// session (what start-up pays) and the time of one inference on a batch of 1 or 8 faces with bound input and output
/// tensors (what every frame pays). Pre-optimised variants load a model file that ONNX Runtime saved after optimising.
/// </summary>
[MemoryDiagnoser]
public class SessionOptionsBenchmarks
{
    private const int Side = 64;
    private const int Classes = 3;

    private readonly RunOptions _runOptions = new();
    private string _modelPath = "";
    private string _workDirectory = "";
    private SessionOptions _options = null!;
    private InferenceSession _session = null!;
    private string[] _inputNames = [];
    private string[] _outputNames = [];
    private OrtValue[] _batch1Input = [];
    private OrtValue[] _batch1Output = [];
    private OrtValue[] _batch8Input = [];
    private OrtValue[] _batch8Output = [];

    [ParamsAllValues]
    public SessionVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "models", "mask_classifier.int8.onnx");
        if (!File.Exists(shipped))
        {
            throw new FileNotFoundException($"{shipped} is missing; build the benchmark project so models/ is copied.", shipped);
        }

        _workDirectory = Directory.CreateTempSubdirectory("edgemask-session-bench-").FullName;
        _modelPath = Variant switch
        {
            SessionVariant.PreOptimizedAll => SaveOptimized(shipped, GraphOptimizationLevel.ORT_ENABLE_ALL),
            SessionVariant.PreOptimizedExtended => SaveOptimized(shipped, GraphOptimizationLevel.ORT_ENABLE_EXTENDED),
            _ => shipped,
        };
        _options = CreateOptions(Variant);
        _session = new InferenceSession(_modelPath, _options);
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
        (_batch1Input, _batch1Output) = Tensors(1);
        (_batch8Input, _batch8Output) = Tensors(8);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var value in _batch1Input.Concat(_batch1Output).Concat(_batch8Input).Concat(_batch8Output))
        {
            value.Dispose();
        }

        _session.Dispose();
        _options.Dispose();
        _runOptions.Dispose();
        Directory.Delete(_workDirectory, recursive: true);
    }

    [Benchmark]
    public void CreateSession()
    {
        using var session = new InferenceSession(_modelPath, _options);
    }

    [Benchmark]
    public void InferBatch1() => _session.Run(_runOptions, _inputNames, _batch1Input, _outputNames, _batch1Output);

    [Benchmark]
    public void InferBatch8() => _session.Run(_runOptions, _inputNames, _batch8Input, _outputNames, _batch8Output);

    private static SessionOptions CreateOptions(SessionVariant variant) => new()
    {
        IntraOpNumThreads = variant == SessionVariant.AllDefaultThreads ? 0 : 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = variant switch
        {
            SessionVariant.Disabled or SessionVariant.PreOptimizedAll or SessionVariant.PreOptimizedExtended => GraphOptimizationLevel.ORT_DISABLE_ALL,
            SessionVariant.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            SessionVariant.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        },
    };

    private string SaveOptimized(string model, GraphOptimizationLevel level)
    {
        var path = Path.Combine(_workDirectory, $"classifier.{level}.onnx");
        using var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = path };
        using (new InferenceSession(model, options))
        {
        }

        return path;
    }

    // Inputs hold a smooth gradient (the values do not change the work of a convolutional network).
    private static (OrtValue[] Input, OrtValue[] Output) Tensors(int batch)
    {
        var input = new float[batch * 3 * Side * Side];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = ((i % 255) / 127.5f) - 1f;
        }

        return (
            [OrtValue.CreateTensorValueFromMemory(input, [batch, 3, Side, Side])],
            [OrtValue.CreateTensorValueFromMemory(new float[batch * Classes], [batch, Classes])]);
    }
}
