using EdgeMask.Core.Control;
using EdgeMask.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeMask.Classification;

public static class ClassificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Classification</c> section and registers the ONNX mask classifier as a singleton
    /// that the host creates at start, so an unusable model stops the daemon with a <see cref="MaskModelException"/>.
    /// </summary>
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddOptions<ClassificationOptions>()
            .BindConfiguration(ClassificationOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClassificationOptions>, ClassificationOptionsValidator>());

        services.AddLastValidOptions();
        services.TryAddSingleton<RuntimeControls>();
        services.TryAddSingleton<IMaskClassifier, OnnxMaskClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MaskClassifierStartup>());
        return services;
    }
}
