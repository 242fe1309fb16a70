namespace EdgeMask.Capture.Tests.Support;

public static class Waits
{
    /// <summary>Upper bound of real time for any awaited signal; only reached when the behaviour is broken.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
}
