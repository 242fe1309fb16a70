namespace EdgeMask.Capture.Tests;

public class ReconnectBackoffTests
{
    [Fact]
    public void DelayFor_SuccessiveAttempts_DoublesWithinJitterAndNeverExceedsTheMaximum()
    {
        var initial = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);
        var backoff = new ReconnectBackoff(initial, max, new Random(7));

        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var nominal = Math.Min(Math.Pow(2, attempt - 1), 30);
            var delay = backoff.DelayFor(attempt).TotalSeconds;

            Assert.InRange(delay, nominal * 0.8, Math.Min(nominal * 1.2, 30));
        }
    }

    [Fact]
    public void DelayFor_ManySamples_AreSpreadByJitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60), new Random(1));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.DelayFor(1)).Distinct().Count();

        Assert.True(delays > 40, "jitter should make retry times differ");
    }
}
