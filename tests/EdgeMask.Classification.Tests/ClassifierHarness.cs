using EdgeMask.Core.Control;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeMask.Classification.Tests;

/// <summary>A real service provider wired by <see cref="ClassificationServiceCollectionExtensions.AddClassification"/> over a model file in a temp folder.</summary>
internal sealed class ClassifierHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private ClassifierHarness(string directory, IConfigurationRoot configuration, ServiceProvider services)
    {
        Directory = directory;
        Configuration = configuration;
        _services = services;
    }

    public string Directory { get; }

    public IConfigurationRoot Configuration { get; }

    public IMaskClassifier Classifier => _services.GetRequiredService<IMaskClassifier>();

    public RuntimeControls Controls => _services.GetRequiredService<RuntimeControls>();

    public static ClassifierHarness Create(TinyMaskModel model, IDictionary<string, string?>? settings = null)
    {
        var directory = EdgeMask.TestSupport.RepoPaths.NewTempDirectory("classifier");
        var path = model.WriteTo(directory);
        var values = new Dictionary<string, string?> { ["Classification:ModelPath"] = path };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return CreateWithSettings(directory, values);
    }

    /// <summary>A classifier with a main model and a grey model (<c>Classification:GreyModelPath</c>).</summary>
    public static ClassifierHarness CreateWithGreyModel(TinyMaskModel model, TinyMaskModel greyModel)
    {
        var directory = EdgeMask.TestSupport.RepoPaths.NewTempDirectory("classifier");
        return CreateWithSettings(directory, new Dictionary<string, string?>
        {
            ["Classification:ModelPath"] = model.WriteTo(directory),
            ["Classification:GreyModelPath"] = greyModel.WriteTo(directory, "grey.onnx"),
        });
    }

    public static ClassifierHarness CreateWithSettings(string directory, IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddClassification()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ClassifierHarness(directory, configuration, services);
    }

    /// <summary>Changes settings and reloads configuration, as a edited appsettings.json would.</summary>
    public void Reload(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Starts a real host with the classification area, the way the daemon does.</summary>
    public static async Task StartHostAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddClassification();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
