using EdgeMask.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeMask.Training.Training;

/// <summary>Runs a <see cref="MaskNet"/> in evaluation mode and returns softmax probabilities, row-major [N, classes].</summary>
public static class TorchInference
{
    /// <summary>The mean of the networks' probabilities, as an ensemble model computes it.</summary>
    public static float[] Probabilities(IReadOnlyList<MaskNet> nets, TensorSet set)
    {
        var sum = Probabilities(nets[0], set);
        foreach (var net in nets.Skip(1))
        {
            var next = Probabilities(net, set);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += next[i];
            }
        }

        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] /= nets.Count;
        }

        return sum;
    }

    public static float[] Probabilities(MaskNet net, TensorSet set, int batchSize = 256)
    {
        net.eval();
        using var noGrad = no_grad();
        var classes = net.Architecture.Classes;
        var output = new float[set.Count * classes];
        var spec = set.ValuesPerSample;
        for (var start = 0; start < set.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, set.Count - start);
            var input = tensor(set.Inputs.AsSpan(start * spec, count * spec).ToArray(), [count, 3, set.Height, set.Width]);
            var probabilities = nn.functional.softmax(net.call(input), 1).data<float>().ToArray();
            probabilities.CopyTo(output, start * classes);
        }

        return output;
    }

    /// <summary>Mean cross-entropy of the probabilities against the labels.</summary>
    public static double CrossEntropy(float[] probabilities, int[] labels, int classes)
    {
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            sum -= Math.Log(Math.Max(probabilities[i * classes + labels[i]], 1e-7));
        }

        return sum / labels.Length;
    }
}
