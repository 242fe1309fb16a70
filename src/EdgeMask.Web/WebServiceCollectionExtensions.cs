using EdgeMask.Analysis;
using EdgeMask.Core.Outputs;
using EdgeMask.Web.Api;
using EdgeMask.Web.Calibration;
using EdgeMask.Web.Hosting;
using EdgeMask.Web.Incidents;
using EdgeMask.Web.Live;
using EdgeMask.Web.Metrics;
using EdgeMask.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The dashboard ("Web" section) and incident snapshots ("Snapshots" section). Register before the frame pipeline,
    /// so that these services stop after it and write what it handed them. Expects AddMqtt (state, stats, commands).
    /// </summary>
    public static IServiceCollection AddWebDashboard(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.AddOptions<SnapshotOptions>()
            .BindConfiguration(SnapshotOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SnapshotOptions>, SnapshotOptionsValidator>());

        services.TryAddSingleton(sp => new IncidentSnapshotPolicy(sp.GetRequiredService<IOptions<SnapshotOptions>>().Value.Enabled));
        services.TryAddSingleton<SnapshotStore>();
        services.TryAddSingleton<SnapshotRecorder>();
        services.TryAddSingleton<LiveView>();
        services.TryAddSingleton<SceneView>();
        services.TryAddSingleton<IncidentLog>();
        services.TryAddSingleton<LiveCalibration>();
        services.TryAddSingleton<DashboardApi>();
        services.TryAddSingleton<SentinelMetrics>();

        // Observers and sinks only where they have work: with the dashboard and snapshots off they cost nothing per frame.
        services.AddSingleton<IFrameObserver>(sp => sp.GetRequiredService<IOptions<WebOptions>>().Value.Enabled ? sp.GetRequiredService<LiveView>() : NoFrameObserver.Instance);
        services.AddSingleton<IFrameObserver>(sp => sp.GetRequiredService<IOptions<SnapshotOptions>>().Value.Enabled ? sp.GetRequiredService<SnapshotRecorder>() : NoFrameObserver.Instance);
        services.AddSingleton<ISceneSink>(sp => sp.GetRequiredService<SceneView>());
        services.AddSingleton<ISceneSink>(sp => sp.GetRequiredService<IncidentLog>());

        services.AddHostedService<LiveViewEncoder>();
        services.AddHostedService<SnapshotWriter>();
        services.AddHostedService<WebDashboardService>();
        return services;
    }

    private sealed class NoFrameObserver : IFrameObserver
    {
        public static readonly NoFrameObserver Instance = new();

        public void OnFrameProcessed(OpenCvSharp.Mat image, Core.Faces.FrameAnalysis analysis, Core.Scene.SceneUpdate update)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
