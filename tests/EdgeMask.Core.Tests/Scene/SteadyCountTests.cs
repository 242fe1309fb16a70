using EdgeMask.Core.Scene;

namespace EdgeMask.Core.Tests.Scene;

public class SteadyCountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    [Fact]
    public void Flapping_0_1_2_EverySecond_StaysAtTheFirstCount()
    {
        var count = new SteadyCount();
        int[] observed = [0, 1, 0, 2, 1, 0, 1, 2, 0, 1];

        var published = observed.Select((n, i) => count.Update(n, T0.AddSeconds(i), Settle)).ToList();

        Assert.All(published, n => Assert.Equal(0, n));
    }

    [Fact]
    public void ANewCount_IsReportedOnceItHasHeldForTheSettleTime()
    {
        var count = new SteadyCount();
        count.Update(0, T0, Settle);

        Assert.Equal(0, count.Update(2, T0.AddSeconds(1), Settle));
        Assert.Equal(0, count.Update(2, T0.AddSeconds(3.9), Settle));
        Assert.Equal(2, count.Update(2, T0.AddSeconds(4), Settle));
        Assert.Equal(2, count.Update(1, T0.AddSeconds(5), Settle));
        Assert.Equal(1, count.Update(1, T0.AddSeconds(8), Settle));
    }

    [Fact]
    public void ZeroSettle_ReportsEveryChangeAtOnce()
    {
        var count = new SteadyCount();

        Assert.Equal([0, 1, 0, 2], new[] { 0, 1, 0, 2 }.Select((n, i) => count.Update(n, T0.AddSeconds(i), TimeSpan.Zero)));
    }
}
