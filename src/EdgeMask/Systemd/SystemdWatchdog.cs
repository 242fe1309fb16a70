using EdgeMask.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Systemd;

/// <summary>
/// Pings systemd's watchdog (WATCHDOG=1) at half its interval, but only when the frame loop proved progress
/// since the previous ping, and keeps STATUS= current. A stalled loop therefore stops the pings and systemd
/// restarts the service (WatchdogSec= in the unit); a timer that pinged regardless would hide the stall.
/// The frame loop reports progress even while the camera is offline, so waiting for a camera is not a stall.
/// </summary>
internal sealed class SystemdWatchdog : BackgroundService
{
    /// <summary>How often STATUS= is refreshed when systemd runs the service without a watchdog.</summary>
    public static readonly TimeSpan StatusIntervalWithoutWatchdog = TimeSpan.FromSeconds(10);

    private readonly ISystemdNotifier _notifier;
    private readonly SystemdEnvironment _environment;
    private readonly PipelineHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<SystemdWatchdog> _logger;
    private DateTimeOffset _progressSeenAt;
    private long _framesSeen;
    private bool _stalled;
    private PeriodicTimer? _timer;

    public SystemdWatchdog(
        ISystemdNotifier notifier,
        SystemdEnvironment environment,
        PipelineHealth health,
        TimeProvider time,
        ILogger<SystemdWatchdog> logger)
    {
        _notifier = notifier;
        _environment = environment;
        _health = health;
        _time = time;
        _logger = logger;
    }

    /// <summary>The time between two checks: half the watchdog interval, as sd_watchdog_enabled(3) advises.</summary>
    public TimeSpan CheckInterval => _environment.WatchdogInterval is { } interval ? interval / 2 : StatusIntervalWithoutWatchdog;

    // The first check is due one interval after start. .NET 10 runs ExecuteAsync on a pool thread, so the timer is
    // made here rather than there: the interval then counts from the moment the host starts the service.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_notifier.IsEnabled)
        {
            _timer = new PeriodicTimer(CheckInterval, _time);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null)
        {
            _logger.LogDebug("Not started by systemd (no {Variable}); no watchdog pings or status lines", SystemdEnvironment.NotifySocketVariable);
            return;
        }

        if (_environment.Problem is { } problem)
        {
            _logger.LogWarning("systemd watchdog: {Problem}", problem);
        }
        else if (_environment.WatchdogInterval is { } interval)
        {
            _logger.LogInformation("systemd watchdog every {Interval}; pinging every {Check} while the frame loop makes progress", interval, CheckInterval);
        }

        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Check()
    {
        var snapshot = _health.Snapshot();
        var progressed = TakeProgress();
        string status;
        if (progressed)
        {
            if (_stalled)
            {
                _logger.LogInformation("Frame loop progresses again; watchdog pings resume");
            }

            status = SystemdStatusText.Running(snapshot);
        }
        else
        {
            var since = SinceLastProgress(snapshot);
            if (!_stalled)
            {
                _logger.LogWarning(
                    "Frame loop made no progress for {Seconds:0}s; withholding the watchdog ping so that systemd restarts the service",
                    since.TotalSeconds);
            }

            status = SystemdStatusText.Stalled(snapshot, since);
        }

        _stalled = !progressed;

        // One datagram per check: the ping and the status it vouches for arrive together.
        var ping = progressed && _environment.WatchdogInterval is not null;
        _notifier.Notify(new ServiceState(ping ? $"WATCHDOG=1\nSTATUS={status}" : $"STATUS={status}"));
    }

    /// <returns>True when the loop reported progress or processed a frame since the previous call.</returns>
    private bool TakeProgress()
    {
        var progressAt = _health.LastProgressAt;
        var frames = _health.FramesProcessed;
        var progressed = progressAt != _progressSeenAt || frames != _framesSeen;
        _progressSeenAt = progressAt;
        _framesSeen = frames;
        return progressed;
    }

    private TimeSpan SinceLastProgress(HealthSnapshot snapshot) =>
        _health.LastProgressAt == default ? snapshot.Uptime : _time.GetUtcNow() - _health.LastProgressAt;
}
