using EdgeMask.Core.Faces;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// One loaded classifier model with its input and output buffers: crops are queued into the input buffer and scored
/// in batches; tensors for each batch size are bound once and kept, so a frame allocates nothing here. Each crop is
/// first prepared as the model's metadata asks (<see cref="CropPreparation"/>: grey, standardised contrast). Not
/// thread-safe: one caller (the frame loop).
/// </summary>
internal sealed class MaskModelRunner : IDisposable
{
    private readonly LoadedMaskModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly CropTensorWriter _writer;
    private readonly Mat _prepared = new();
    private readonly Mat _luminance = new();
    private readonly Size _inputSize;
    private readonly int _imageLength;
    private readonly int _classCount;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly int[] _faceOfSlot;
    private readonly BatchBinding?[] _bindings;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private int _queued;

    public MaskModelRunner(LoadedMaskModel model, int maxBatchSize)
    {
        _model = model;
        var info = model.Info;
        _writer = CropTensorWriter.ForModel(info);
        _inputSize = new Size(info.InputWidth, info.InputHeight);
        _imageLength = 3 * info.InputWidth * info.InputHeight;
        _classCount = info.Labels.Count;
        MaxBatch = Math.Min(maxBatchSize, model.MaxModelBatch);
        _input = new float[MaxBatch * _imageLength];
        _output = new float[MaxBatch * _classCount];
        _faceOfSlot = new int[MaxBatch];
        _bindings = new BatchBinding?[MaxBatch];
        _inputNames = [model.InputName];
        _outputNames = [model.OutputName];
    }

    public MaskModelInfo Info => _model.Info;

    public int MaxBatch { get; }

    public Size InputSize => _inputSize;

    /// <summary>
    /// Queues an input-sized crop for face <paramref name="face"/>; when the batch is full it is scored at once into
    /// <paramref name="results"/>.
    /// </summary>
    public void Add(Mat inputSizedCrop, int face, double threshold, MaskPrediction[] results)
    {
        var crop = CropPreparation.Prepare(inputSizedCrop, _model.Info.InputColour, _model.Info.InputContrast, _prepared, _luminance);
        _writer.Write(crop, _input.AsSpan(_queued * _imageLength, _imageLength));
        _faceOfSlot[_queued++] = face;
        if (_queued == MaxBatch)
        {
            Flush(threshold, results);
        }
    }

    /// <summary>Scores the queued crops (if any) into <paramref name="results"/>.</summary>
    public void Flush(double threshold, MaskPrediction[] results)
    {
        if (_queued == 0)
        {
            return;
        }

        var count = _queued;
        _queued = 0;
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
    public MaskPrediction Decide(ReadOnlySpan<float> probabilities, double threshold)
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

    public void Dispose()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }

        _runOptions.Dispose();
        _prepared.Dispose();
        _luminance.Dispose();
        _model.Dispose();
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
