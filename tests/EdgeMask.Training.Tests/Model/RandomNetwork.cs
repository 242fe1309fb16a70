using EdgeMask.Training.Model;

namespace EdgeMask.Training.Tests.Model;

internal static class RandomNetwork
{
    /// <summary>Stem 3->w, a depthwise and a pointwise conv to 2w, 2 classes; weights from the seed.</summary>
    public static FoldedNetwork Create(int seed, int width = 4)
    {
        var random = new Random(seed);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f)];
        ConvSpec[] specs = [new(3, width, 3, 2, 1), new(width, width, 3, 1, width), new(width, 2 * width, 1, 1, 1)];
        var convs = specs.Select(s => new FoldedConv(s, Values(s.OutChannels * s.InChannels / s.Groups * s.Kernel * s.Kernel), Values(s.OutChannels))).ToList();
        return new FoldedNetwork(convs, Values(2 * 2 * width), Values(2), 2);
    }
}
