using EdgeMask.Core.Health;
using EdgeMask.Systemd;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Deploy.Tests.Systemd;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SystemdWatchdogTests : IDisposable
{
    private static readonly TimeSpan WatchdogInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CheckInterval = WatchdogInterval / 2;

    private readonly FakeTimeProvider _time = new();
    private readonly NotifySocket _systemd = new();
    private readonly PipelineHealth _health;

    public SystemdWatchdogTests() => _health = new PipelineHealth(_time);

    [Fact]
    public async Task Check_LoopProgressing_PingsAtHalfTheWatchdogInterval()
    {
        await using var watchdog = await StartAsync(WithWatchdog());

        Assert.Equal(CheckInterval, watchdog.CheckInterval);
        for (var i = 0; i < 4; i++)
        {
            _health.FrameProcessed(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(5), faces: 1);
            _time.Advance(CheckInterval);
            var message = await _systemd.ReceiveAsync();
            Assert.StartsWith("WATCHDOG=1\nSTATUS=", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_LoopStalls_PingsStopUntilProgressResumes()
    {
        await using var watchdog = await StartAsync(WithWatchdog());
        _health.ReportProgress();
        _time.Advance(CheckInterval);
        Assert.StartsWith("WATCHDOG=1\n", await _systemd.ReceiveAsync(), StringComparison.Ordinal);

        // No progress for two checks: systemd gets status lines but no pings, so after WatchdogSec it restarts us.
        for (var i = 0; i < 2; i++)
        {
            _time.Advance(CheckInterval);
            var stalled = await _systemd.ReceiveAsync();
            Assert.DoesNotContain("WATCHDOG=1", stalled, StringComparison.Ordinal);
            Assert.StartsWith("STATUS=frame loop stalled, no progress for ", stalled, StringComparison.Ordinal);
        }

        _health.ReportProgress();
        _time.Advance(CheckInterval);
        Assert.StartsWith("WATCHDOG=1\n", await _systemd.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StalledStatus_SaysHowLongSinceTheLastProgress()
    {
        await using var watchdog = await StartAsync(WithWatchdog());
        _health.ReportProgress(); // at 0 s; the check at 15 s sees it, the one at 30 s does not
        _time.Advance(CheckInterval);
        await _systemd.ReceiveAsync();

        _time.Advance(CheckInterval);

        Assert.StartsWith("STATUS=frame loop stalled, no progress for 30s;", await _systemd.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LoopNeverStarted_DoesNotPing()
    {
        await using var watchdog = await StartAsync(WithWatchdog());

        _time.Advance(CheckInterval);

        var message = await _systemd.ReceiveAsync();
        Assert.DoesNotContain("WATCHDOG=1", message, StringComparison.Ordinal);
        Assert.Contains("no progress for 15s", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CameraOfflineButLoopAlive_KeepsPingingAndSaysSo()
    {
        await using var watchdog = await StartAsync(WithWatchdog());
        _health.CameraOffline("/dev/video0: no such device");
        _health.ReportProgress();

        _time.Advance(CheckInterval);

        Assert.Equal(
            "WATCHDOG=1\nSTATUS=camera offline (/dev/video0: no such device), reconnecting; 0.0 fps processed, 0.0 fps captured; 0 frames, 0 face(s) in view",
            await _systemd.ReceiveAsync());
    }

    [Fact]
    public async Task Check_CameraOnline_StatusShowsCameraAndFrameRates()
    {
        await using var watchdog = await StartAsync(WithWatchdog());
        _health.CameraOnline("/dev/video0 640x480");
        for (var i = 0; i < 50; i++)
        {
            _health.FrameCaptured();
            _health.FrameProcessed(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(5), faces: 2);
        }

        _time.Advance(CheckInterval);

        var message = await _systemd.ReceiveAsync();
        Assert.StartsWith("WATCHDOG=1\nSTATUS=camera online (/dev/video0 640x480); ", message, StringComparison.Ordinal);
        Assert.EndsWith("; 50 frames, 2 face(s) in view", message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusText_Running_GivesFpsWithOneDecimal()
    {
        _health.CameraOnline("/dev/video0");
        for (var i = 0; i < 75; i++)
        {
            _health.FrameCaptured();
            _health.FrameProcessed(TimeSpan.FromMilliseconds(20), TimeSpan.Zero, faces: 0);
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(
            "camera online (/dev/video0); 15.0 fps processed, 15.0 fps captured; 75 frames, 0 face(s) in view",
            SystemdStatusText.Running(_health.Snapshot()));
    }

    [Fact]
    public void StatusText_DetailWithNewline_StaysOneLine()
    {
        _health.CameraOffline("open failed:\nno such device");

        Assert.DoesNotContain('\n', SystemdStatusText.Running(_health.Snapshot()));
    }

    [Fact]
    public async Task Execute_WithoutWatchdogUsec_SendsStatusButNeverPings()
    {
        await using var watchdog = await StartAsync(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = _systemd.Path, ["WATCHDOG_USEC"] = null });
        Assert.Equal(SystemdWatchdog.StatusIntervalWithoutWatchdog, watchdog.CheckInterval);
        _health.ReportProgress();

        _time.Advance(SystemdWatchdog.StatusIntervalWithoutWatchdog);

        Assert.StartsWith("STATUS=camera starting", await _systemd.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_WithoutNotifySocket_Idles()
    {
        await using var watchdog = await StartAsync(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null });

        Assert.NotNull(watchdog.ExecuteTask);
        await watchdog.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await _systemd.TryReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    public void Dispose() => _systemd.Dispose();

    private Dictionary<string, string?> WithWatchdog() => new()
    {
        ["NOTIFY_SOCKET"] = _systemd.Path,
        ["WATCHDOG_USEC"] = ((long)WatchdogInterval.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WATCHDOG_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts the watchdog with the framework's real notifier, as systemd would set the environment up.</summary>
    private async Task<StartedWatchdog> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        SystemdWatchdog watchdog;
        using (new ProcessEnvironment(environment))
        {
            watchdog = new SystemdWatchdog(new SystemdNotifier(), SystemdEnvironment.FromProcess(), _health, _time, NullLogger<SystemdWatchdog>.Instance);
        }

        await watchdog.StartAsync(CancellationToken.None);
        return new StartedWatchdog(watchdog);
    }

    private sealed class StartedWatchdog(SystemdWatchdog watchdog) : IAsyncDisposable
    {
        public TimeSpan CheckInterval => watchdog.CheckInterval;

        public Task? ExecuteTask => watchdog.ExecuteTask;

        public async ValueTask DisposeAsync()
        {
            await watchdog.StopAsync(CancellationToken.None);
            watchdog.Dispose();
        }
    }
}
