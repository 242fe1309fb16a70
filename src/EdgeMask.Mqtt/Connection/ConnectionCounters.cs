namespace EdgeMask.Mqtt;

/// <summary>How often the connection to the broker was (re)established since start.</summary>
internal sealed class ConnectionCounters
{
    private long _connects;

    /// <summary>Connections after the first one.</summary>
    public long Reconnects => Math.Max(0, Interlocked.Read(ref _connects) - 1);

    public void Connected() => Interlocked.Increment(ref _connects);
}
