using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.Logging;
using EdgeMask.Core.Settings;
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
    private readonly LastValidOptions<DetectionOptions> _detection;
    private readonly LastValidOptions<YuNetOptions> _options;
    private readonly YuNetModel _model;
    private readonly YuNetInputWriter _input = new();
    private readonly List<YuNetCandidate> _candidates = [];
    private readonly List<Rect2d> _nmsBoxes = [];
    private readonly List<float> _nmsScores = [];

    public YuNetFaceDetector(LastValidOptions<DetectionOptions> detection, LastValidOptions<YuNetOptions> options, ILogger<YuNetFaceDetector> logger)
    {
        _detection = detection;
        _options = options;
        var settings = options.Current;
        _model = new YuNetModel(settings);
        var detectionSettings = detection.Current;
        logger.LogInformation(
            "YuNet face detector {ModelPath} loaded (SHA-256 verified); detecting at {DownscaleFactor:0.###} scale, faces {MinFace}-{MaxFace} px, score >= {MinScore:0.##}",
            _model.Path,
            detectionSettings.EffectiveDownscaleFactor,
            detectionSettings.MinFaceSizePixels,
            detectionSettings.MaxFaceSizePixels == 0 ? "any" : detectionSettings.MaxFaceSizePixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
            settings.MinScore);
    }

    public string ModelPath => _model.Path;

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
        _candidates.Clear();
        _model.Run(_input.Tensor, _input.PaddedWidth, _input.PaddedHeight, (float)options.MinScore, _candidates);
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
        _model.Dispose();
        _input.Dispose();
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
}
