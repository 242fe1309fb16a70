using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.Logging;
using EdgeMask.Core.Settings;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace EdgeMask.Detection.YuNet;

/// <summary>
/// OpenCV's DNN face detector YuNet, run with ONNX Runtime on the frame resized by the detection scale (<c>Detection:DownscaleFactor</c>, by default derived from <c>Detection:MinFaceSizePixels</c>).
/// Every face comes with YuNet's five landmarks. ONNX Runtime rather than OpenCV's FaceDetectorYN because the same
/// code then runs on every install route: OpenCV 4.6 (Debian 12, Raspberry Pi OS) cannot load these weights, and
/// ONNX Runtime ships official arm64 natives. Not thread-safe: one caller (the frame loop).
/// </summary>
internal sealed class YuNetFaceDetector : IFaceSizeRangeDetector
{
    private const string InputName = "input";

    private readonly LastValidOptions<DetectionOptions> _detection;
    private readonly LastValidOptions<YuNetOptions> _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly YuNetInputWriter _input = new();
    private readonly string[] _inputNames = [InputName];
    private readonly string[] _outputNames;
    private readonly List<YuNetCandidate> _candidates = [];
    private readonly List<Rect2d> _nmsBoxes = [];
    private readonly List<float> _nmsScores = [];

    public YuNetFaceDetector(LastValidOptions<DetectionOptions> detection, LastValidOptions<YuNetOptions> options, ILogger<YuNetFaceDetector> logger)
    {
        _detection = detection;
        _options = options;
        var settings = options.Current;
        ModelPath = settings.ResolveModelPath();
        ModelChecksum.Verify(ModelPath, settings.ModelSha256, $"{YuNetOptions.SectionName}:ModelSha256");
        _session = OpenSession(ModelPath, settings.IntraOpThreads);
        _outputNames = YuNetDecoder.Strides
            .SelectMany(stride => new[] { $"cls_{stride}", $"obj_{stride}", $"bbox_{stride}", $"kps_{stride}" })
            .ToArray();
        try
        {
            RequireYuNetSignature();
        }
        catch
        {
            Dispose();
            throw;
        }

        var detectionSettings = detection.Current;
        logger.LogInformation(
            "YuNet face detector {ModelPath} loaded (SHA-256 verified); detecting at {DownscaleFactor:0.###} scale, faces {MinFace}-{MaxFace} px, score >= {MinScore:0.##}",
            ModelPath,
            detectionSettings.EffectiveDownscaleFactor,
            detectionSettings.MinFaceSizePixels,
            detectionSettings.MaxFaceSizePixels == 0 ? "any" : detectionSettings.MaxFaceSizePixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
            settings.MinScore);
    }

    public string ModelPath { get; }

    public bool SearchesGrey => false;

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame)
    {
        var settings = _detection.Current;
        return Detect(bgrFrame, settings.MinFaceSizePixels, settings.MaxFaceSizePixels);
    }

    public IReadOnlyList<FaceDetection> Detect(Mat bgrFrame, int minFaceSizePixels, int maxFaceSizePixels)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        var options = _options.Current;
        _input.Write(bgrFrame, _detection.Current.EffectiveDownscaleFactor);
        FindCandidates((float)options.MinScore);
        if (_candidates.Count == 0)
        {
            return [];
        }

        var kept = Suppress(options);
        var faces = new List<FaceDetection>(kept.Length);
        var frame = new PixelBox(0, 0, bgrFrame.Width, bgrFrame.Height);
        foreach (var index in kept)
        {
            var face = ToFramePixels(_candidates[index], frame);
            if (face.Box.IsEmpty || face.Box.Width < minFaceSizePixels || (maxFaceSizePixels != 0 && face.Box.Width > maxFaceSizePixels))
            {
                continue;
            }

            faces.Add(face);
        }

        return faces;
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
        _input.Dispose();
    }

    private void FindCandidates(float minScore)
    {
        _candidates.Clear();
        int width = _input.PaddedWidth, height = _input.PaddedHeight;
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.Tensor, [1, 3, height, width]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
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
                _candidates);
        }
    }

    private int[] Suppress(YuNetOptions options)
    {
        _nmsBoxes.Clear();
        _nmsScores.Clear();
        foreach (var candidate in _candidates)
        {
            _nmsBoxes.Add(new Rect2d(candidate.X, candidate.Y, candidate.Width, candidate.Height));
            _nmsScores.Add(candidate.Score);
        }

        CvDnn.NMSBoxes(_nmsBoxes, _nmsScores, (float)options.MinScore, (float)options.NmsIouThreshold, out var kept, 1f, options.MaxFaces);
        return kept;
    }

    private FaceDetection ToFramePixels(YuNetCandidate candidate, PixelBox frame)
    {
        double toFrameX = 1 / _input.ScaleX, toFrameY = 1 / _input.ScaleY;
        var left = (int)Math.Round(candidate.X * toFrameX);
        var top = (int)Math.Round(candidate.Y * toFrameY);
        var right = (int)Math.Round((candidate.X + candidate.Width) * toFrameX);
        var bottom = (int)Math.Round((candidate.Y + candidate.Height) * toFrameY);
        var box = new PixelBox(left, top, right - left, bottom - top).Intersect(frame);
        var landmarks = candidate.Landmarks;
        var scaled = new FaceLandmarks(
            Scale(landmarks.RightEye, toFrameX, toFrameY),
            Scale(landmarks.LeftEye, toFrameX, toFrameY),
            Scale(landmarks.NoseTip, toFrameX, toFrameY),
            Scale(landmarks.RightMouthCorner, toFrameX, toFrameY),
            Scale(landmarks.LeftMouthCorner, toFrameX, toFrameY));
        return new FaceDetection(box, candidate.Score, scaled);
    }

    private static PixelPoint Scale(PixelPoint point, double x, double y) => new((float)(point.X * x), (float)(point.Y * y));

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
            throw new FaceDetectorException($"Face detector model '{ModelPath}' is not YuNet: it needs an input '{InputName}' of shape [1, 3, H, W].");
        }

        if (input.Dimensions[2] > 0 || input.Dimensions[3] > 0)
        {
            throw new FaceDetectorException(
                $"Face detector model '{ModelPath}' has a fixed {input.Dimensions[3]}x{input.Dimensions[2]} input; EdgeMask needs YuNet with a dynamic input shape (yunet_n_dynamic.onnx).");
        }

        var missing = _outputNames.Where(name => !_session.OutputMetadata.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new FaceDetectorException($"Face detector model '{ModelPath}' is not YuNet: it lacks the outputs {string.Join(", ", missing)}.");
        }
    }
}
