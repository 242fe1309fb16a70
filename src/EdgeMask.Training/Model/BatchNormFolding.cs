using TorchSharp;
using static TorchSharp.torch;

namespace EdgeMask.Training.Model;

/// <summary>Converts between the trainable <see cref="MaskNet"/> and the BatchNorm-folded <see cref="FoldedNetwork"/>.</summary>
public static class BatchNormFolding
{
    /// <summary>w' = w * gamma / sqrt(var + eps), b' = beta - mean * gamma / sqrt(var + eps), per output channel.</summary>
    public static FoldedNetwork Fold(MaskNet net)
    {
        using var noGrad = no_grad();
        var folded = new List<FoldedConv>();
        for (var i = 0; i < net.Convs.Count; i++)
        {
            var spec = net.Architecture.Convs[i];
            var norm = net.Norms[i];
            var weight = net.Convs[i].weight!.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
            var gamma = Doubles(norm.weight!);
            var beta = Doubles(norm.bias!);
            var mean = Doubles(norm.running_mean!);
            var variance = Doubles(norm.running_var!);
            var eps = norm.eps;
            var perChannel = weight.Length / spec.OutChannels;
            var foldedWeight = new float[weight.Length];
            var foldedBias = new float[spec.OutChannels];
            for (var channel = 0; channel < spec.OutChannels; channel++)
            {
                var factor = gamma[channel] / Math.Sqrt(variance[channel] + eps);
                for (var k = 0; k < perChannel; k++)
                {
                    foldedWeight[channel * perChannel + k] = (float)(weight[channel * perChannel + k] * factor);
                }

                foldedBias[channel] = (float)(beta[channel] - mean[channel] * factor);
            }

            folded.Add(new FoldedConv(spec, foldedWeight, foldedBias));
        }

        return new FoldedNetwork(folded, Floats(net.Head.weight!), Floats(net.Head.bias!), net.Architecture.Classes);
    }

    /// <summary>
    /// Loads folded weights into a fresh <see cref="MaskNet"/>: conv weights as given, each BatchNorm set to the
    /// identity carrying the folded bias (gamma 1, beta = bias, mean 0, var 1 - eps). Used to fine-tune a shipped model.
    /// </summary>
    public static MaskNet Unfold(FoldedNetwork folded, double dropoutProbability = 0.2)
    {
        var net = new MaskNet(folded.Architecture, dropoutProbability);
        using var noGrad = no_grad();
        for (var i = 0; i < folded.Convs.Count; i++)
        {
            var conv = folded.Convs[i];
            net.Convs[i].weight!.copy_(tensor(conv.Weight).reshape(net.Convs[i].weight!.shape));
            var norm = net.Norms[i];
            norm.weight!.fill_(1);
            norm.bias!.copy_(tensor(conv.Bias));
            norm.running_mean!.fill_(0);
            norm.running_var!.fill_(1 - norm.eps);
        }

        net.Head.weight!.copy_(tensor(folded.HeadWeight).reshape(folded.Classes, folded.Features));
        net.Head.bias!.copy_(tensor(folded.HeadBias));
        return net;
    }

    private static double[] Doubles(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();

    private static float[] Floats(Tensor t) => t.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
}
