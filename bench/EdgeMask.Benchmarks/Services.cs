using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeMask.Benchmarks;

/// <summary>A service provider over in-memory configuration, built the way the daemon's host builds its areas.</summary>
public static class Services
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, Action<IServiceCollection> addArea)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging();
        addArea(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
