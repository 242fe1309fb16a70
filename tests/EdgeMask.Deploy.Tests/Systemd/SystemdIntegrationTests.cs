using EdgeMask.Core.Health;
using EdgeMask.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeMask.Deploy.Tests.Systemd;

/// <summary>The host as the daemon builds it, under a NOTIFY_SOCKET but without systemd as the parent process.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SystemdIntegrationTests : IDisposable
{
    private readonly NotifySocket _systemd = new();

    [Fact]
    public async Task AddSystemdIntegration_UnderNotifySocket_SendsReadyOnlyAfterEveryServiceStarted()
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = _systemd.Path, ["WATCHDOG_USEC"] = null });
        var slowStage = new GatedStartService();
        using var host = BuildHost(slowStage);

        var starting = host.StartAsync();
        await slowStage.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await _systemd.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));

        slowStage.Release();
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("READY=1", await _systemd.ReceiveAsync());

        await host.StopAsync();
        Assert.Equal("STOPPING=1", await _systemd.ReceiveAsync());
    }

    public void Dispose() => _systemd.Dispose();

    private static IHost BuildHost(GatedStartService slowStage)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<PipelineHealth>()
            .AddSingleton<IHostedService>(slowStage)
            .AddSystemdIntegration()
            .AddSystemd();
        return builder.Build();
    }

    /// <summary>Stands in for a stage whose start-up takes time (a model loading): starts only when released.</summary>
    private sealed class GatedStartService : IHostedService
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
