using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeMask.Detection.Tests;

/// <summary>A real service provider wired by <see cref="DetectionServiceCollectionExtensions.AddDetection"/> with in-memory settings.</summary>
internal sealed class DetectorHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private DetectorHarness(IConfigurationRoot configuration, ServiceProvider services)
    {
        Configuration = configuration;
        _services = services;
    }

    public IConfigurationRoot Configuration { get; }

    public IFaceDetector Detector => _services.GetRequiredService<IFaceDetector>();

    public IServiceProvider Services => _services;

    /// <summary>A Haar cascade detector with the given settings, as <see cref="Create"/> makes it.</summary>
    public static DetectorHarness CreateHaar(params (string Key, string? Value)[] settings) =>
        Create([("Detector", "haar"), .. settings]);

    /// <summary>
    /// A detector with the given settings (the product's default detector, YuNet, unless they name another). Unless a
    /// test sets it, the frame scheduler is off, so each call is a full scan of that image (the tests of the detectors
    /// themselves call Detect on unrelated images).
    /// </summary>
    public static DetectorHarness Create(params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1" };
        foreach (var (key, value) in settings)
        {
            values["Detection:" + key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values)
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDetection()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new DetectorHarness(configuration, services);
    }

    /// <summary>Changes a setting and reloads configuration, as an edited appsettings.json would.</summary>
    public void Reload(string key, string? value)
    {
        Configuration["Detection:" + key] = value;
        Configuration.Reload();
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Starts a real host with the Haar cascade detector, as <see cref="StartHostAsync"/> does.</summary>
    public static Task StartHaarHostAsync(params (string Key, string? Value)[] settings) =>
        StartHostAsync([("Detector", "haar"), .. settings]);

    /// <summary>Starts a real host with the detection area, the way the daemon does.</summary>
    public static async Task StartHostAsync(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => "Detection:" + s.Key, s => s.Value));
        builder.Services.AddDetection();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
