using System.Globalization;

namespace EdgeMask.Systemd;

/// <summary>
/// What systemd asked of this process through its environment: a notification socket (sd_notify(3)) and,
/// optionally, a watchdog interval (sd_watchdog_enabled(3)).
/// </summary>
/// <param name="CanNotify">NOTIFY_SOCKET is set: READY=1, STATUS= and WATCHDOG=1 reach systemd.</param>
/// <param name="WatchdogInterval">WATCHDOG_USEC when it is meant for this process; null when there is no watchdog.</param>
/// <param name="Problem">Why a WATCHDOG_USEC that is present was not used; null when there is nothing to report.</param>
internal sealed record SystemdEnvironment(bool CanNotify, TimeSpan? WatchdogInterval, string? Problem = null)
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    public static SystemdEnvironment FromProcess() => Parse(Environment.GetEnvironmentVariable, Environment.ProcessId);

    public static SystemdEnvironment Parse(Func<string, string?> variable, int processId)
    {
        if (string.IsNullOrEmpty(variable(NotifySocketVariable)))
        {
            return new SystemdEnvironment(CanNotify: false, WatchdogInterval: null);
        }

        var usec = variable(WatchdogUsecVariable);
        if (string.IsNullOrEmpty(usec))
        {
            return new SystemdEnvironment(CanNotify: true, WatchdogInterval: null);
        }

        // systemd sets WATCHDOG_PID so that a child process which inherited the environment does not ping for its parent.
        var pid = variable(WatchdogPidVariable);
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return new SystemdEnvironment(true, null, $"{WatchdogPidVariable}={pid} is another process (this is {processId}); not pinging the watchdog");
        }

        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return new SystemdEnvironment(true, null, $"{WatchdogUsecVariable}='{usec}' is not a positive number of microseconds; not pinging the watchdog");
        }

        return new SystemdEnvironment(CanNotify: true, WatchdogInterval: TimeSpan.FromMicroseconds(microseconds));
    }
}
