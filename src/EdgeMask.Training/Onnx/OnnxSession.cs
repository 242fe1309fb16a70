using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Training.Onnx;

/// <summary>An ONNX Runtime session over a one-input classifier, run on CPU with a fixed thread count.</summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _outputNames;

    public OnnxSession(byte[] model, int threads = 1, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL, string? optimizedModelPath = null)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = level,
        };
        if (optimizedModelPath is not null)
        {
            options.OptimizedModelFilePath = optimizedModelPath;
        }

        _session = new InferenceSession(model, options);
        _inputName = _session.InputNames.Single();
        _outputNames = _session.OutputNames.ToArray();
        var dims = _session.InputMetadata[_inputName].Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] <= 0 || dims[3] <= 0)
        {
            throw new InvalidDataException($"Model input '{_inputName}' must be [N, 3, H, W] with fixed H and W, got [{string.Join(", ", dims)}].");
        }

        Height = dims[2];
        Width = dims[3];
    }

    public static OnnxSession FromFile(string path, int threads = 1, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        }

        return new OnnxSession(File.ReadAllBytes(path), threads, level);
    }

    public int Height { get; }

    public int Width { get; }

    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>Runs <paramref name="count"/> samples and returns every output, flattened, in graph output order.</summary>
    public IReadOnlyList<float[]> RunAll(float[] inputs, int count)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [count, 3, Height, Width]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_inputName], [input], _outputNames);
        return outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray()).ToList();
    }

    /// <summary>The first output (the probabilities) for <paramref name="count"/> samples.</summary>
    public float[] Run(float[] inputs, int count) => RunAll(inputs, count)[0];

    /// <summary>The first output for a whole set, in batches.</summary>
    public float[] Run(Training.TensorSet set, int batchSize = 64)
    {
        var result = new List<float>();
        for (var start = 0; start < set.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, set.Count - start);
            result.AddRange(Run(set.Inputs.AsSpan(start * set.ValuesPerSample, count * set.ValuesPerSample).ToArray(), count));
        }

        return result.ToArray();
    }

    public void Dispose() => _session.Dispose();
}
