using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;

namespace EdgeMask.Systemd;

public static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Everything systemd needs from the daemon beyond the framework's <c>AddSystemd()</c>: READY=1/STOPPING=1
    /// whenever systemd gave us a notification socket, and the progress-based watchdog with STATUS= lines.
    /// Needs a <see cref="EdgeMask.Core.Health.PipelineHealth"/> and a <see cref="TimeProvider"/> in the container.
    /// </summary>
    /// <remarks>
    /// Microsoft.Extensions.Hosting.Systemd 10.0 recognises a systemd service by reading /proc/&lt;parent&gt;/comm.
    /// The unit's ProtectProc=invisible hides PID 1 from the service user, so <c>AddSystemd()</c> alone would
    /// register nothing, READY=1 would never be sent and Type=notify would time out. NOTIFY_SOCKET is what
    /// sd_notify(3) itself keys on, so the lifetime is registered here when it is set.
    /// </remarks>
    public static IServiceCollection AddSystemdIntegration(this IServiceCollection services)
    {
        var environment = SystemdEnvironment.FromProcess();
        services.TryAddSingleton(environment);
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        if (environment.CanNotify)
        {
            services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = ConsoleFormatterNames.Systemd);
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}
