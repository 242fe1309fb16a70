using EdgeMask.Core.Control;
using EdgeMask.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeMask.Core.Scene;

public static class SceneServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Scene</c> section (unknown keys are errors) and registers the scene analyzer.
    /// Expects the host to register <see cref="RuntimeControls"/>; adds one if it has not.
    /// </summary>
    public static IServiceCollection AddSceneLogic(this IServiceCollection services)
    {
        services.AddOptions<SceneOptions>()
            .BindConfiguration(SceneOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SceneOptions>, SceneOptionsValidator>());

        services.AddLastValidOptions();
        services.TryAddSingleton<RuntimeControls>();
        services.TryAddSingleton<ISceneAnalyzer, SceneAnalyzer>();
        return services;
    }
}
