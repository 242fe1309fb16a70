using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Detection.YuNet;

/// <summary>
/// YuNet's ONNX model in ONNX Runtime: checked against its SHA-256 before it is parsed, checked for YuNet's input and
/// outputs, and run on an input tensor whose candidates it decodes. No OpenCV here, so the model can be checked on a
/// device before OpenCV's native library is there (<c>edgemask check-config</c>). Not thread-safe.
/// </summary>
public sealed class YuNetModel : IDisposable
{
    private const string InputName = "input";

    private static readonly string[] OutputNames = YuNetDecoder.Strides
        .SelectMany(stride => new[] { $"cls_{stride}", $"obj_{stride}", $"bbox_{stride}", $"kps_{stride}" })
        .ToArray();

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames = [InputName];

    /// <exception cref="FaceDetectorException">The file is missing, differs from <see cref="YuNetOptions.ModelSha256"/>, cannot be loaded or is not YuNet with a dynamic input.</exception>
    public YuNetModel(YuNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.ResolveModelPath();
        ModelChecksum.Verify(Path, options.ModelSha256, $"{YuNetOptions.SectionName}:ModelSha256");
        _session = OpenSession(Path, options.IntraOpThreads);
        try
        {
            RequireYuNetSignature();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Runs the model on a [1, 3, <paramref name="height"/>, <paramref name="width"/>] tensor (sides multiples of 32) and adds every candidate scoring at least <paramref name="minScore"/>.</summary>
    /// <remarks>Internal: candidates are in input pixels, before non-maximum suppression; <see cref="YuNetFaceDetector"/> turns them into faces.</remarks>
    internal void Run(Memory<float> tensor, int width, int height, float minScore, List<YuNetCandidate> candidates)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tensor, [1, 3, height, width]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], OutputNames);
        for (var level = 0; level < YuNetDecoder.Strides.Length; level++)
        {
            var stride = YuNetDecoder.Strides[level];
            YuNetDecoder.Decode(
                stride,
                width / stride,
                height / stride,
                outputs[(4 * level) + 0].GetTensorDataAsSpan<float>(),
                outputs[(4 * level) + 1].GetTensorDataAsSpan<float>(),
                outputs[(4 * level) + 2].GetTensorDataAsSpan<float>(),
                outputs[(4 * level) + 3].GetTensorDataAsSpan<float>(),
                minScore,
                candidates);
        }
    }

    /// <summary>
    /// Runs the model once on a fixed test pattern (a 128x96 grey ramp) and returns its best score: proof that this
    /// machine's ONNX Runtime executes the model, and a fingerprint to compare across machines (x64 and arm64 agree
    /// to about 1e-4).
    /// </summary>
    public float TestPatternTopScore()
    {
        const int width = 128, height = 96;
        var tensor = new float[3 * width * height];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    tensor[(((channel * height) + y) * width) + x] = ((x * 2) + y + (channel * 40)) % 256;
                }
            }
        }

        var candidates = new List<YuNetCandidate>();
        Run(tensor, width, height, 0f, candidates);
        return candidates.Max(c => c.Score);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session?.Dispose();
    }

    private static InferenceSession OpenSession(string path, int threads)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceDetectorException($"Face detector model '{path}' cannot be loaded by ONNX Runtime: {ex.Message}", ex);
        }
    }

    private void RequireYuNetSignature()
    {
        if (!_session.InputMetadata.TryGetValue(InputName, out var input) || input.Dimensions.Length != 4 || input.Dimensions[1] != 3)
        {
            throw new FaceDetectorException($"Face detector model '{Path}' is not YuNet: it needs an input '{InputName}' of shape [1, 3, H, W].");
        }

        if (input.Dimensions[2] > 0 || input.Dimensions[3] > 0)
        {
            throw new FaceDetectorException(
                $"Face detector model '{Path}' has a fixed {input.Dimensions[3]}x{input.Dimensions[2]} input; EdgeMask needs YuNet with a dynamic input shape (yunet_n_dynamic.onnx).");
        }

        var missing = OutputNames.Where(name => !_session.OutputMetadata.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new FaceDetectorException($"Face detector model '{Path}' is not YuNet: it lacks the outputs {string.Join(", ", missing)}.");
        }
    }
}
