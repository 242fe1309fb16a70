using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeMask.Core.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>Makes <see cref="LastValidOptions{TOptions}"/> available for every options type.</summary>
    public static IServiceCollection AddLastValidOptions(this IServiceCollection services)
    {
        services.TryAddSingleton(typeof(LastValidOptions<>));
        return services;
    }
}
