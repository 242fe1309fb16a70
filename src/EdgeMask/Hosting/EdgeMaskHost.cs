using EdgeMask.Analysis;
using EdgeMask.Capture;
using EdgeMask.Classification;
using EdgeMask.Configuration;
using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using EdgeMask.Mqtt;
using EdgeMask.Pipeline;
using EdgeMask.Signals;
using EdgeMask.Systemd;
using EdgeMask.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EdgeMask.Hosting;

/// <summary>Builds the daemon: configuration layers, logging, and every stage of the pipeline in order.</summary>
public static class EdgeMaskHost
{
    public static HostApplicationBuilder CreateBuilder(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "edgemask",
        });

        EdgeMaskConfiguration.AddLayers(builder.Configuration, configFile, overrides);
        ConfigurationShape.ThrowIfInvalid(builder.Configuration);

        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddConsole()

            // The host logs a start-up failure with its whole stack; the command prints it as one clear line instead.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        // The journal stamps every line itself; a second time stamp from the formatter is noise there.
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null)
        {
            builder.Services.PostConfigure<ConsoleFormatterOptions>(o => o.TimestampFormat = null);
            builder.Services.PostConfigure<SimpleConsoleFormatterOptions>(o => o.TimestampFormat = null);
        }

        builder.Services
            .AddSingleton(TimeProvider.System)
            .AddSingleton<PipelineHealth>()
            .AddSingleton<RuntimeControls>()
            .AddSingleton<IEffectiveSettings, EffectiveSettings>()
            .AddCapture()
            .AddFrameAnalysis()
            .AddSceneLogic()
            .AddSignals()
            .AddMqtt()
            .AddWebDashboard()
            .AddFramePipeline()
            .AddSystemdIntegration()
            .AddSystemd();

        return builder;
    }

    /// <summary>
    /// The daemon's services for a one-off command (check-config, calibrate, evaluate, bench, gpio-test), with every
    /// ValidateOnStart rule run, but no hosted service started: no pipeline, camera or broker connection.
    /// </summary>
    public static ServiceProvider BuildValidatedServices(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var services = CreateBuilder(configFile, overrides).Services.BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }
}
