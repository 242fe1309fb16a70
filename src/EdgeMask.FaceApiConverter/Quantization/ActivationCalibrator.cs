using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace EdgeMask.FaceApiConverter.Quantization;

/// <summary>
/// Finds the largest value each named activation takes by running the fp32 graph, with those activations exposed as
/// extra outputs, over calibration inputs.
/// </summary>
internal static class ActivationCalibrator
{
    public static IReadOnlyDictionary<string, float> Maxima(ModelProto model, string inputName, IReadOnlyList<string> activations, IEnumerable<float[]> inputs, int[] inputShape)
    {
        var exposed = model.Clone();
        foreach (var name in activations)
        {
            exposed.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(exposed.ToByteArray(), options);
        using var runOptions = new RunOptions();
        var maxima = activations.ToDictionary(a => a, _ => float.NegativeInfinity, StringComparer.Ordinal);
        var samples = 0;
        string[] outputNames = [.. activations];
        foreach (var input in inputs)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, [.. inputShape.Select(d => (long)d)]);
            using var outputs = session.Run(runOptions, [inputName], [value], outputNames);
            for (var i = 0; i < outputNames.Length; i++)
            {
                var span = outputs[i].GetTensorDataAsSpan<float>();
                var max = maxima[outputNames[i]];
                foreach (var v in span)
                {
                    max = Math.Max(max, v);
                }

                maxima[outputNames[i]] = max;
            }

            samples++;
        }

        if (samples == 0)
        {
            throw new ArgumentException("The calibration set is empty.", nameof(inputs));
        }

        return maxima;
    }
}
