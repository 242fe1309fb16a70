namespace EdgeMask.Training.Model;

/// <summary>
/// Puts networks of the same architecture side by side in one <see cref="FoldedNetwork"/>, so that an ensemble is
/// exported, calibrated, quantized and read back by the same code as one network, as one graph of the same nodes
/// (measured: no faster than separate subgraphs; the convolutions are the cost). The stem reads the shared input with every member's filters; each later conv keeps the members apart by grouping
/// (groups x members); the head is block-diagonal. Member m owns channels [m*c, (m+1)*c) of every layer.
/// </summary>
public static class NetworkMerge
{
    public static FoldedNetwork Merge(IReadOnlyList<FoldedNetwork> members)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("A model needs at least one network.", nameof(members));
        }

        if (members.Count == 1)
        {
            return members[0];
        }

        var first = members[0];
        for (var m = 0; m < members.Count; m++)
        {
            if (members[m].Members != 1 || members[m].Classes != first.Classes || !members[m].Convs.Select(c => c.Spec).SequenceEqual(first.Convs.Select(c => c.Spec)))
            {
                throw new ArgumentException($"Network {m} does not have the architecture and classes of network 0; only networks built alike can be merged.", nameof(members));
            }
        }

        var count = members.Count;
        var convs = new List<FoldedConv>();
        for (var i = 0; i < first.Convs.Count; i++)
        {
            var spec = first.Convs[i].Spec;
            var merged = i == 0
                ? spec with { OutChannels = spec.OutChannels * count }
                : new ConvSpec(spec.InChannels * count, spec.OutChannels * count, spec.Kernel, spec.Stride, spec.Groups * count);
            convs.Add(new FoldedConv(merged, [.. members.SelectMany(m => m.Convs[i].Weight)], [.. members.SelectMany(m => m.Convs[i].Bias)]));
        }

        var features = first.Features;
        var head = new float[count * first.Classes * count * features];
        for (var m = 0; m < count; m++)
        {
            for (var c = 0; c < first.Classes; c++)
            {
                Array.Copy(members[m].HeadWeight, c * features, head, ((m * first.Classes) + c) * count * features + m * features, features);
            }
        }

        return new FoldedNetwork(convs, head, [.. members.SelectMany(m => m.HeadBias)], first.Classes, count);
    }

    /// <summary>The networks a merged one was made of, in order (a plain network gives itself).</summary>
    public static IReadOnlyList<FoldedNetwork> Split(FoldedNetwork merged)
    {
        if (merged.Members == 1)
        {
            return [merged];
        }

        var count = merged.Members;
        var features = merged.Features / count;
        var members = new List<FoldedNetwork>();
        for (var m = 0; m < count; m++)
        {
            var convs = new List<FoldedConv>();
            for (var i = 0; i < merged.Convs.Count; i++)
            {
                var conv = merged.Convs[i];
                var spec = conv.Spec;
                var single = i == 0
                    ? spec with { OutChannels = spec.OutChannels / count }
                    : new ConvSpec(spec.InChannels / count, spec.OutChannels / count, spec.Kernel, spec.Stride, spec.Groups / count);
                var weights = conv.Weight.Length / count;
                convs.Add(new FoldedConv(single, conv.Weight[(m * weights)..((m + 1) * weights)], conv.Bias[(m * single.OutChannels)..((m + 1) * single.OutChannels)]));
            }

            var head = new float[merged.Classes * features];
            for (var c = 0; c < merged.Classes; c++)
            {
                Array.Copy(merged.HeadWeight, ((m * merged.Classes) + c) * merged.Features + m * features, head, c * features, features);
            }

            members.Add(new FoldedNetwork(convs, head, merged.HeadBias[(m * merged.Classes)..((m + 1) * merged.Classes)], merged.Classes));
        }

        return members;
    }
}
