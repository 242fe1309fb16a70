using EdgeMask.Core.Control;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Settings;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Classifies all faces of a frame in batched ONNX Runtime calls: colour faces with the main model, grey faces
/// (infrared night mode) with the grey model when one is configured. Not thread-safe: one caller (the frame loop).
/// </summary>
internal sealed class OnnxMaskClassifier : IMaskClassifier
{
    private static readonly MaskPrediction OutsideFrame = new(MaskStatus.Uncertain, 0f, MaskStatus.Uncertain);

    private readonly LastValidOptions<ClassificationOptions> _options;
    private readonly RuntimeControls _controls;
    private readonly MaskModelRunner _colour;
    private readonly MaskModelRunner? _grey;
    private readonly Mat _crop = new();

    public OnnxMaskClassifier(LastValidOptions<ClassificationOptions> options, RuntimeControls controls, ILogger<OnnxMaskClassifier> logger)
    {
        _options = options;
        _controls = controls;
        var settings = options.Current;
        _colour = Load(settings, settings.ResolveModelPath(), MaskModelFile.ModelKey);
        var info = _colour.Info;
        logger.LogInformation(
            "Mask model {ModelPath} loaded: input {Width}x{Height} {ChannelOrder}, classes {Labels}, {OutputKind}, batches of up to {MaxBatch}, providers {Providers}",
            info.Path,
            info.InputWidth,
            info.InputHeight,
            info.ChannelOrder,
            string.Join(",", info.Labels),
            info.OutputsProbabilities ? MaskModelMetadata.OutputProbabilities : MaskModelMetadata.OutputLogits,
            _colour.MaxBatch,
            string.Join(",", settings.EffectiveExecutionProviders));

        if (settings.ResolveGreyModelPath() is { } greyPath)
        {
            try
            {
                _grey = Load(settings, greyPath, MaskModelFile.GreyModelKey);
                MaskModelFile.CheckGreyCompanion(info, _grey.Info);
            }
            catch
            {
                _grey?.Dispose();
                _colour.Dispose();
                throw;
            }

            logger.LogInformation(
                "Grey model {GreyModelPath} loaded for faces in grey frames (infrared night mode: mean colour at most {GreyMaxChroma} levels)",
                greyPath,
                settings.GreyMaxChroma);
        }

        if (settings.CropMarginFraction is { } configured && info.TrainedCropMargin is { } trained && Math.Abs(configured - trained) > 1e-6)
        {
            logger.LogWarning(
                "Classification:CropMarginFraction {Configured} differs from the margin the model was trained with ({Trained}); accuracy may suffer",
                configured,
                trained);
        }
    }

    public MaskModelInfo Model => _colour.Info;

    /// <summary>The margin crops get now: configuration, else the model's trained margin, else the default.</summary>
    public double CropMarginFraction =>
        _options.Current.CropMarginFraction ?? _colour.Info.TrainedCropMargin ?? ClassificationOptions.DefaultCropMarginFraction;

    /// <summary>The confidence below which a face is uncertain: the runtime override, else configuration.</summary>
    public double ConfidenceThreshold => _controls.MaskConfidenceThreshold ?? _options.Current.MinConfidence;

    public IReadOnlyList<MaskPrediction> Classify(Mat bgrFrame, IReadOnlyList<FaceDetection> faces)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return [];
        }

        if (bgrFrame.Empty() || bgrFrame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected a non-empty 8-bit BGR frame, got {bgrFrame.Type()} {bgrFrame.Width}x{bgrFrame.Height}.", nameof(bgrFrame));
        }

        var margin = CropMarginFraction;
        var threshold = ConfidenceThreshold;
        var greyMaxChroma = _options.Current.GreyMaxChroma;
        var results = new MaskPrediction[faces.Count];
        for (var face = 0; face < faces.Count; face++)
        {
            if (!FaceCrop.TryExtract(bgrFrame, faces[face].Box, margin, _crop, _colour.InputSize))
            {
                results[face] = OutsideFrame;
                continue;
            }

            var runner = _grey is not null && GreyCrop.IsGrey(_crop, greyMaxChroma) ? _grey : _colour;
            runner.Add(_crop, face, threshold, results);
        }

        _colour.Flush(threshold, results);
        _grey?.Flush(threshold, results);
        return results;
    }

    /// <summary>The main model's decision rule (see <see cref="MaskModelRunner.Decide"/>).</summary>
    internal MaskPrediction Decide(ReadOnlySpan<float> probabilities, double threshold) => _colour.Decide(probabilities, threshold);

    public void Dispose()
    {
        _crop.Dispose();
        _grey?.Dispose();
        _colour.Dispose();
    }

    /// <param name="settingKey">The configuration key that names <paramref name="path"/>, for errors.</param>
    private static MaskModelRunner Load(ClassificationOptions settings, string path, string settingKey)
    {
        using var sessionOptions = InferenceSessionOptionsFactory.Create(settings, path);
        return new MaskModelRunner(MaskModelFile.Open(path, sessionOptions, settingKey), settings.MaxBatchSize);
    }
}
