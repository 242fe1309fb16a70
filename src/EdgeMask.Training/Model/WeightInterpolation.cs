namespace EdgeMask.Training.Model;

/// <summary>
/// Weight-space ensembling (WiSE-FT, Wortsman et al. 2022): a network fine-tuned from another, averaged with it weight
/// by weight. Both lie in one basin, so the average is a working network between the two, which is often more robust
/// than either, and costs nothing at run time. Merged networks interpolate member by member, because each member's
/// weights sit at the same places in both.
/// </summary>
public static class WeightInterpolation
{
    /// <param name="weight">How far towards <paramref name="end"/>: 0 gives <paramref name="start"/>, 1 gives <paramref name="end"/>.</param>
    public static FoldedNetwork Interpolate(FoldedNetwork start, FoldedNetwork end, double weight)
    {
        if (!double.IsFinite(weight) || weight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The interpolation weight must be between 0 and 1.");
        }

        if (start.Members != end.Members || start.Classes != end.Classes || !start.Convs.Select(c => c.Spec).SequenceEqual(end.Convs.Select(c => c.Spec)))
        {
            throw new ArgumentException(
                $"Only networks of one architecture interpolate: {Describe(start)} against {Describe(end)}.", nameof(end));
        }

        var convs = start.Convs.Zip(end.Convs, (a, b) => new FoldedConv(a.Spec, Mix(a.Weight, b.Weight, weight), Mix(a.Bias, b.Bias, weight))).ToList();
        return new FoldedNetwork(convs, Mix(start.HeadWeight, end.HeadWeight, weight), Mix(start.HeadBias, end.HeadBias, weight), start.Classes, start.Members);
    }

    private static float[] Mix(float[] a, float[] b, double weight)
    {
        var mixed = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            mixed[i] = (float)(((1 - weight) * a[i]) + (weight * b[i]));
        }

        return mixed;
    }

    private static string Describe(FoldedNetwork network) =>
        $"{network.Convs.Count} conv layers, {network.Classes} classes, {network.Members} network(s)";
}
