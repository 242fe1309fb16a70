using EdgeMask.Training.Model;
using EdgeMask.Training.Training;
using static TorchSharp.torch;

namespace EdgeMask.Training.Tests.Training;

// Creating a MaskNet draws from libtorch's process-wide generator: running beside the trainer tests would change
// what their seeded runs draw, so this class joins their collection (run one after another).
[Collection(TinyModelCollection.Name)]
public class WeightAverageTests
{
    [Fact]
    public void Update_LiveWeightsHeldStill_AverageConvergesToThem()
    {
        using var live = new MaskNet(MaskNetArchitecture.Compact(3, 8));
        using var average = new WeightAverage(live, 0.9);
        using (no_grad())
        {
            foreach (var parameter in live.parameters())
            {
                parameter.fill_(0.5);
            }
        }

        average.Update();
        var afterOne = FirstWeight(average.Net);
        for (var i = 0; i < 300; i++)
        {
            average.Update();
        }

        // One step moves only part of the way (the early-step ramp), many steps arrive.
        Assert.NotEqual(0.5, afterOne, 3);
        Assert.Equal(0.5, FirstWeight(average.Net), 4);
    }

    [Fact]
    public void MaskNet_KeepsNoBatchCounters()
    {
        // BatchNorm's num_batches_tracked increment crashed long training runs (see MaskNet); the counter is gone.
        using var net = new MaskNet(MaskNetArchitecture.Compact(3, 8));

        Assert.DoesNotContain(net.state_dict().Keys, key => key.Contains("num_batches_tracked", StringComparison.Ordinal));
        Assert.All(net.state_dict().Values, tensor => Assert.True(tensor.is_floating_point()));
    }

    [Fact]
    public void Update_LeavesTheLiveNetAlone()
    {
        using var live = new MaskNet(MaskNetArchitecture.Compact(3, 8));
        using var average = new WeightAverage(live, 0.998);
        live.train();
        using (var input = randn(4, 3, 64, 64))
        using (live.call(input))
        {
        }

        var before = FirstWeight(live);
        average.Update();

        Assert.Equal(before, FirstWeight(live));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Create_DecayOutOfRange_NamesTheOption(double decay)
    {
        using var live = new MaskNet(MaskNetArchitecture.Compact(3, 8));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage(live, decay));

        Assert.Contains("--weight-average", error.Message);
    }

    private static double FirstWeight(MaskNet net) => net.parameters().First().flatten()[0].item<float>();
}
