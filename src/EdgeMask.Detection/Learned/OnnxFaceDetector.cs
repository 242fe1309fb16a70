using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace EdgeMask.Detection.Learned;

/// <summary>
/// A face-api detector (tiny or SSD MobileNetV1) converted to ONNX, run with ONNX Runtime. Preprocessing, box
/// decoding and non-maximum suppression reproduce face-api's JavaScript so the boxes match the package's own.
/// </summary>
/// <remarks>Not thread-safe: the frame loop calls <see cref="Detect"/> from one thread and the buffers are reused.</remarks>
internal sealed class OnnxFaceDetector : IFaceDetector
{
    private readonly LearnedDetectorKind _kind;
    private readonly LearnedDetectorOptions _options;
    private readonly int _inputSize;
    private readonly InferenceSession _session;
    private readonly FaceApiInputWriter _input;
    private readonly OrtValue _inputValue;
    private readonly string[] _inputNames = ["image"];
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();
    private readonly List<ScoredBox> _candidates = [];

    public OnnxFaceDetector(LearnedDetectorKind kind, LearnedDetectorOptions options)
    {
        _kind = kind;
        _options = options;
        var modelPath = options.ResolveModelPath(kind);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"Learned face detector model '{kind.ToString().ToLowerInvariant()}' not found: {modelPath}. " +
                "Create it with `./build.sh setup` (runs scripts/fetch-face-detectors.sh), or set " +
                $"{LearnedDetectorOptions.SectionName}:{(kind == LearnedDetectorKind.Tiny ? nameof(options.TinyModelPath) : nameof(options.SsdModelPath))}.",
                modelPath);
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelPath, sessionOptions);
        _outputNames = kind == LearnedDetectorKind.Tiny ? ["grid"] : ["boxes", "scores"];
        RequireNames(modelPath);
        _inputSize = kind == LearnedDetectorKind.Tiny ? options.InputSizePixels : SsdInputSide(modelPath, options);

        _input = new FaceApiInputWriter(_inputSize);
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input.Tensor, [1, 3, _inputSize, _inputSize]);
    }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame)
    {
        _input.Write(bgrFrame);
        var geometry = new FrameGeometry(bgrFrame.Width, bgrFrame.Height, _inputSize);
        _candidates.Clear();
        using (var outputs = _session.Run(_runOptions, _inputNames, [_inputValue], _outputNames))
        {
            if (_kind == LearnedDetectorKind.Tiny)
            {
                TinyGridDecoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), _inputSize / 32, geometry, _options.MinScore, _candidates);
            }
            else
            {
                SsdOutputDecoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), outputs[1].GetTensorDataAsSpan<float>(), geometry, _options.MinScore, _candidates);
            }
        }

        var kept = NonMaxSuppression.Apply(_candidates, _options.NmsIouThreshold, _options.MaxFaces);
        var faces = new List<FaceDetection>(kept.Count);
        foreach (var box in kept)
        {
            var clipped = _kind == LearnedDetectorKind.Ssd ? SsdOutputDecoder.ClipToInput(box, geometry) : box;
            var pixels = ToFramePixels(clipped, bgrFrame.Width, bgrFrame.Height);
            if (!pixels.IsEmpty)
            {
                faces.Add(new FaceDetection(pixels, box.Score));
            }
        }

        return faces;
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static PixelBox ToFramePixels(ScoredBox box, int frameWidth, int frameHeight)
    {
        var left = Math.Clamp((int)Math.Round(box.Left), 0, frameWidth);
        var top = Math.Clamp((int)Math.Round(box.Top), 0, frameHeight);
        var right = Math.Clamp((int)Math.Round(box.Right), 0, frameWidth);
        var bottom = Math.Clamp((int)Math.Round(box.Bottom), 0, frameHeight);
        return new PixelBox(left, top, right - left, bottom - top);
    }

    /// <summary>
    /// The SSD's priors fix its input side, so the model declares it; <c>SsdInputSizePixels</c>, when set, must agree.
    /// </summary>
    private int SsdInputSide(string modelPath, LearnedDetectorOptions options)
    {
        var dims = _session.InputMetadata[_inputNames[0]].Dimensions;
        if (dims.Length != 4 || dims[2] <= 0 || dims[2] != dims[3])
        {
            _session.Dispose();
            throw new InvalidDataException($"{modelPath} declares input [{string.Join(", ", dims)}]; a converted SSD has a fixed square input [1, 3, S, S].");
        }

        if (options.SsdInputSizePixels is { } configured && configured != dims[2])
        {
            _session.Dispose();
            throw new InvalidDataException(
                $"{LearnedDetectorOptions.SectionName}:SsdInputSizePixels is {configured} but {modelPath} was converted for a {dims[2]} input; " +
                $"use {LearnedDetectorOptions.SectionName}:SsdModelPath models/face_detector_ssd_{configured}.onnx (or its .int8.onnx), written by ./build.sh setup, or unset SsdInputSizePixels.");
        }

        return dims[2];
    }

    private void RequireNames(string modelPath)
    {
        var missing = _inputNames.Where(n => !_session.InputMetadata.ContainsKey(n))
            .Concat(_outputNames.Where(n => !_session.OutputMetadata.ContainsKey(n)))
            .ToList();
        if (missing.Count > 0)
        {
            _session.Dispose();
            throw new InvalidDataException(
                $"{modelPath} is not a face-api {_kind.ToString().ToLowerInvariant()} detector converted by edgemask-faceapi-convert: it lacks {string.Join(", ", missing)}.");
        }
    }
}
