using EdgeMask.Training.Model;

namespace EdgeMask.Training.Tests.Model;

public class NetworkMergeTests
{
    [Fact]
    public void Merge_ThreeNetworks_GroupsEveryLayerByMember()
    {
        var merged = NetworkMerge.Merge([Network(1), Network(2), Network(3)]);

        Assert.Equal(3, merged.Members);
        Assert.Equal(2, merged.Classes);
        Assert.Equal(6, merged.Logits);
        Assert.Equal(new ConvSpec(3, 12, 3, 2, 1), merged.Convs[0].Spec);
        Assert.Equal(new ConvSpec(12, 12, 3, 1, 12), merged.Convs[1].Spec);
        Assert.Equal(new ConvSpec(12, 24, 1, 1, 3), merged.Convs[2].Spec);
        Assert.Equal(merged.Logits * merged.Features, merged.HeadWeight.Length);
    }

    [Fact]
    public void Merge_Head_IsBlockDiagonal()
    {
        var first = Network(1);
        var second = Network(2);

        var merged = NetworkMerge.Merge([first, second]);

        // Row 2 is the second network's first class: zeros over the first network's features, then its own weights.
        var row = merged.HeadWeight.AsSpan(2 * merged.Features, merged.Features);
        Assert.All(row[..first.Features].ToArray(), value => Assert.Equal(0f, value));
        Assert.Equal(second.HeadWeight[..first.Features], row[first.Features..].ToArray());
    }

    [Fact]
    public void Split_OfMerge_GivesEachNetworkBack()
    {
        FoldedNetwork[] networks = [Network(1), Network(2)];

        var split = NetworkMerge.Split(NetworkMerge.Merge(networks));

        for (var m = 0; m < networks.Length; m++)
        {
            Assert.Equal(networks[m].Convs.Select(c => c.Spec), split[m].Convs.Select(c => c.Spec));
            Assert.All(Enumerable.Range(0, networks[m].Convs.Count), i =>
            {
                Assert.Equal(networks[m].Convs[i].Weight, split[m].Convs[i].Weight);
                Assert.Equal(networks[m].Convs[i].Bias, split[m].Convs[i].Bias);
            });
            Assert.Equal(networks[m].HeadWeight, split[m].HeadWeight);
            Assert.Equal(networks[m].HeadBias, split[m].HeadBias);
            Assert.Equal(1, split[m].Members);
        }
    }

    [Fact]
    public void Merge_OneNetwork_IsThatNetwork()
    {
        var network = Network(1);

        Assert.Same(network, NetworkMerge.Merge([network]));
    }

    [Fact]
    public void Merge_DifferentArchitectures_IsRefusedNamingTheNetwork()
    {
        var wider = Network(2, width: 6);

        var error = Assert.Throws<ArgumentException>(() => NetworkMerge.Merge([Network(1), wider]));

        Assert.Contains("Network 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Architecture_OfAMergedNetwork_AsksForASplit()
    {
        var merged = NetworkMerge.Merge([Network(1), Network(2)]);

        var error = Assert.Throws<InvalidOperationException>(() => merged.Architecture);

        Assert.Contains("NetworkMerge.Split", error.Message, StringComparison.Ordinal);
    }

    private static FoldedNetwork Network(int seed, int width = 4) => RandomNetwork.Create(seed, width);
}
