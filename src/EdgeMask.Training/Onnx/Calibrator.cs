using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Training.Onnx;

/// <summary>Finds activation ranges for the int8 model by running the fp32 graph, with every ReLU exposed, on calibration samples.</summary>
public static class Calibrator
{
    public static ActivationRanges Calibrate(FoldedNetwork network, InputSpec input, Training.TensorSet calibration, int batchSize = 32)
    {
        if (calibration.Count == 0)
        {
            throw new ArgumentException("The calibration set is empty.", nameof(calibration));
        }

        var model = Fp32Exporter.Build(network, input, exposeActivations: true).ToByteArray();
        using var session = new OnnxSession(model, threads: Environment.ProcessorCount, GraphOptimizationLevel.ORT_ENABLE_BASIC);
        var maxima = new float[network.Convs.Count];
        for (var start = 0; start < calibration.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, calibration.Count - start);
            var outputs = session.RunAll(calibration.Inputs.AsSpan(start * calibration.ValuesPerSample, count * calibration.ValuesPerSample).ToArray(), count);
            for (var layer = 0; layer < maxima.Length; layer++)
            {
                // Outputs: each ReLU in order, then the probabilities.
                maxima[layer] = Math.Max(maxima[layer], outputs[layer].Max());
            }
        }

        // The input range is known from the normalisation: pixel 0 and 255 of every channel.
        var min = Enumerable.Range(0, 3).Min(c => -input.Mean[c] / input.Std[c]);
        var max = Enumerable.Range(0, 3).Max(c => (1 - input.Mean[c]) / input.Std[c]);
        return new ActivationRanges(min, max, maxima);
    }
}
