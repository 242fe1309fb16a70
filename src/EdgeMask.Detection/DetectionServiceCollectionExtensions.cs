using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeMask.Detection;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Detection</c> section and registers the face detector as a singleton that the
    /// host creates at start, so a missing cascade stops the daemon before the first frame.
    /// </summary>
    public static IServiceCollection AddDetection(this IServiceCollection services)
    {
        services.AddOptions<DetectionOptions>()
            .BindConfiguration(DetectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DetectionOptions>, DetectionOptionsValidator>());

        services.TryAddSingleton<IFaceDetector, HaarFaceDetector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FaceDetectorStartup>());
        return services;
    }
}
