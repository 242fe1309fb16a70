using System.Diagnostics;

namespace EdgeMask.Mqtt.Stats;

/// <summary>This process's CPU use (percent of all cores, since the previous sample) and resident memory.</summary>
internal sealed class ProcessMetrics
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _lastTimestamp;
    private TimeSpan _lastCpu;

    public ProcessMetrics(TimeProvider time)
    {
        _time = time;
        _lastTimestamp = time.GetTimestamp();
        _lastCpu = CurrentCpuTime();
    }

    public double SampleCpuPercent()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var cpu = CurrentCpuTime();
            var wall = _time.GetElapsedTime(_lastTimestamp, now);
            var used = cpu - _lastCpu;
            _lastTimestamp = now;
            _lastCpu = cpu;
            return wall <= TimeSpan.Zero ? 0 : Math.Round(100.0 * used / wall / Environment.ProcessorCount, 1);
        }
    }

    /// <summary>Resident set size in bytes.</summary>
    public static long RssBytes() => Environment.WorkingSet;

    private static TimeSpan CurrentCpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
