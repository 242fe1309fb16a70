using EdgeMask.Core.Control;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using Microsoft.Extensions.Logging;
using EdgeMask.Core.Settings;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// Classifies all faces of a frame in batched ONNX Runtime calls. Input and output tensors live in buffers sized
/// for the largest batch and are bound once per batch size, so a frame allocates only its small result list.
/// Not thread-safe: one caller (the frame loop).
/// </summary>
internal sealed class OnnxMaskClassifier : IMaskClassifier
{
    private static readonly MaskPrediction OutsideFrame = new(MaskStatus.Uncertain, 0f, MaskStatus.Uncertain);

    private readonly LastValidOptions<ClassificationOptions> _options;
    private readonly RuntimeControls _controls;
    private readonly LoadedMaskModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly CropTensorWriter _writer;
    private readonly Mat _crop = new();
    private readonly Size _inputSize;
    private readonly int _imageLength;
    private readonly int _classCount;
    private readonly int _maxBatch;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly int[] _faceOfSlot;
    private readonly BatchBinding?[] _bindings;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxMaskClassifier(LastValidOptions<ClassificationOptions> options, RuntimeControls controls, ILogger<OnnxMaskClassifier> logger)
    {
        _options = options;
        _controls = controls;
        var settings = options.Current;
        var path = settings.ResolveModelPath();

        using (var sessionOptions = InferenceSessionOptionsFactory.Create(settings, path))
        {
            _model = MaskModelFile.Open(path, sessionOptions);
        }

        var info = _model.Info;
        _writer = CropTensorWriter.ForModel(info);
        _inputSize = new Size(info.InputWidth, info.InputHeight);
        _imageLength = 3 * info.InputWidth * info.InputHeight;
        _classCount = info.Labels.Count;
        _maxBatch = Math.Min(settings.MaxBatchSize, _model.MaxModelBatch);
        _input = new float[_maxBatch * _imageLength];
        _output = new float[_maxBatch * _classCount];
        _faceOfSlot = new int[_maxBatch];
        _bindings = new BatchBinding?[_maxBatch];
        _inputNames = [_model.InputName];
        _outputNames = [_model.OutputName];

        logger.LogInformation(
            "Mask model {ModelPath} loaded: input {Width}x{Height} {ChannelOrder}, classes {Labels}, {OutputKind}, batches of up to {MaxBatch}, providers {Providers}",
            path,
            info.InputWidth,
            info.InputHeight,
            info.ChannelOrder,
            string.Join(",", info.Labels),
            info.OutputsProbabilities ? MaskModelMetadata.OutputProbabilities : MaskModelMetadata.OutputLogits,
            _maxBatch,
            string.Join(",", settings.EffectiveExecutionProviders));

        if (settings.CropMarginFraction is { } configured && info.TrainedCropMargin is { } trained && Math.Abs(configured - trained) > 1e-6)
        {
            logger.LogWarning(
                "Classification:CropMarginFraction {Configured} differs from the margin the model was trained with ({Trained}); accuracy may suffer",
                configured,
                trained);
        }
    }

    public MaskModelInfo Model => _model.Info;

    /// <summary>The margin crops get now: configuration, else the model's trained margin, else the default.</summary>
    public double CropMarginFraction =>
        _options.Current.CropMarginFraction ?? _model.Info.TrainedCropMargin ?? ClassificationOptions.DefaultCropMarginFraction;

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
        var results = new MaskPrediction[faces.Count];
        var filled = 0;
        for (var face = 0; face < faces.Count; face++)
        {
            if (!FaceCrop.TryExtract(bgrFrame, faces[face].Box, margin, _crop, _inputSize))
            {
                results[face] = OutsideFrame;
                continue;
            }

            _writer.Write(_crop, _input.AsSpan(filled * _imageLength, _imageLength));
            _faceOfSlot[filled++] = face;
            if (filled == _maxBatch)
            {
                RunBatch(filled, threshold, results);
                filled = 0;
            }
        }

        if (filled > 0)
        {
            RunBatch(filled, threshold, results);
        }

        return results;
    }

    public void Dispose()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }

        _runOptions.Dispose();
        _crop.Dispose();
        _model.Dispose();
    }

    private void RunBatch(int count, double threshold, MaskPrediction[] results)
    {
        var binding = _bindings[count - 1] ??= BatchBinding.Create(_input, _output, count, _imageLength, _classCount, _inputSize);
        _model.Session.Run(_runOptions, _inputNames, binding.Inputs, _outputNames, binding.Outputs);

        Span<float> probabilities = stackalloc float[_classCount];
        for (var slot = 0; slot < count; slot++)
        {
            var scores = _output.AsSpan(slot * _classCount, _classCount);
            if (_model.Info.OutputsProbabilities)
            {
                scores.CopyTo(probabilities);
            }
            else
            {
                Softmax.Compute(scores, probabilities);
            }

            results[_faceOfSlot[slot]] = Decide(probabilities, threshold);
        }
    }

    /// <summary>
    /// The question that matters at a door is "masked or not". With a third class (mask below the nose) the model
    /// may split "not masked" between two classes, each under the threshold although together they are sure, so
    /// the threshold applies to P(mask) against P(not masked); the reported class among the unmasked ones is the
    /// likelier of the two, and the confidence is that of the masked / not masked decision.
    /// </summary>
    internal MaskPrediction Decide(ReadOnlySpan<float> probabilities, double threshold)
    {
        var bestUnmasked = -1;
        var maskProbability = 0f;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (_model.Info.Classes[i] == MaskStatus.Mask)
            {
                maskProbability = probabilities[i];
            }
            else if (bestUnmasked < 0 || probabilities[i] > probabilities[bestUnmasked])
            {
                bestUnmasked = i;
            }
        }

        var unmaskedProbability = 1f - maskProbability;
        if (bestUnmasked < 0 || maskProbability >= unmaskedProbability)
        {
            return new MaskPrediction(maskProbability >= threshold ? MaskStatus.Mask : MaskStatus.Uncertain, maskProbability, MaskStatus.Mask);
        }

        var unmaskedClass = _model.Info.Classes[bestUnmasked];
        return new MaskPrediction(unmaskedProbability >= threshold ? unmaskedClass : MaskStatus.Uncertain, unmaskedProbability, unmaskedClass);
    }

    /// <summary>Tensors of one batch size over the shared buffers, created on first use and kept.</summary>
    private sealed class BatchBinding : IDisposable
    {
        private BatchBinding(OrtValue input, OrtValue output)
        {
            Inputs = [input];
            Outputs = [output];
        }

        public OrtValue[] Inputs { get; }

        public OrtValue[] Outputs { get; }

        public static BatchBinding Create(float[] input, float[] output, int count, int imageLength, int classCount, Size inputSize)
        {
            var inputValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance,
                input.AsMemory(0, count * imageLength),
                [count, 3, inputSize.Height, inputSize.Width]);
            var outputValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance,
                output.AsMemory(0, count * classCount),
                [count, classCount]);
            return new BatchBinding(inputValue, outputValue);
        }

        public void Dispose()
        {
            Inputs[0].Dispose();
            Outputs[0].Dispose();
        }
    }
}
