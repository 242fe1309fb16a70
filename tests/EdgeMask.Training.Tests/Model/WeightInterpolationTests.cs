using EdgeMask.Training.Model;

namespace EdgeMask.Training.Tests.Model;

public class WeightInterpolationTests
{
    [Fact]
    public void Interpolate_GivesTheWeightedMeanOfEveryWeight()
    {
        var (start, end) = (Network(1), Network(2));

        var quarter = WeightInterpolation.Interpolate(start, end, 0.25);

        for (var i = 0; i < start.Convs.Count; i++)
        {
            Assert.Equal(start.Convs[i].Spec, quarter.Convs[i].Spec);
            Assert.Equal(Expected(start.Convs[i].Weight, end.Convs[i].Weight, 0.25), quarter.Convs[i].Weight, (x, y) => Math.Abs(x - y) < 1e-6f);
            Assert.Equal(Expected(start.Convs[i].Bias, end.Convs[i].Bias, 0.25), quarter.Convs[i].Bias, (x, y) => Math.Abs(x - y) < 1e-6f);
        }

        Assert.Equal(Expected(start.HeadWeight, end.HeadWeight, 0.25), quarter.HeadWeight, (x, y) => Math.Abs(x - y) < 1e-6f);
        Assert.Equal(Expected(start.HeadBias, end.HeadBias, 0.25), quarter.HeadBias, (x, y) => Math.Abs(x - y) < 1e-6f);
    }

    [Fact]
    public void Interpolate_AtItsEnds_GivesEachNetworkBack()
    {
        var (start, end) = (Network(1), Network(2));

        Assert.Equal(start.Convs[1].Weight, WeightInterpolation.Interpolate(start, end, 0).Convs[1].Weight);
        Assert.Equal(end.HeadWeight, WeightInterpolation.Interpolate(start, end, 1).HeadWeight);
    }

    [Fact]
    public void Interpolate_MergedNetworks_InterpolatesEachMemberWithItsCounterpart()
    {
        var start = NetworkMerge.Merge([Network(1), Network(2)]);
        var end = NetworkMerge.Merge([Network(3), Network(4)]);

        var members = NetworkMerge.Split(WeightInterpolation.Interpolate(start, end, 0.5));

        Assert.Equal(2, members.Count);
        Assert.Equal(Expected(Network(2).Convs[2].Weight, Network(4).Convs[2].Weight, 0.5), members[1].Convs[2].Weight, (x, y) => Math.Abs(x - y) < 1e-6f);
        Assert.Equal(Expected(Network(1).HeadWeight, Network(3).HeadWeight, 0.5), members[0].HeadWeight, (x, y) => Math.Abs(x - y) < 1e-6f);
    }

    [Fact]
    public void Interpolate_NetworksOfDifferentArchitectures_IsRefusedDescribingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightInterpolation.Interpolate(Network(1), Network(2, width: 6), 0.5));

        Assert.Contains("Only networks of one architecture interpolate", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 network(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_OneNetworkWithAMergedPair_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightInterpolation.Interpolate(Network(1), NetworkMerge.Merge([Network(2), Network(3)]), 0.5));

        Assert.Contains("2 network(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Interpolate_AWeightOutside0To1_IsRefused(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightInterpolation.Interpolate(Network(1), Network(2), weight));
    }

    private static float[] Expected(float[] a, float[] b, double weight) => [.. a.Zip(b, (x, y) => (float)(((1 - weight) * x) + (weight * y)))];

    private static FoldedNetwork Network(int seed, int width = 4) => RandomNetwork.Create(seed, width);
}
