using EdgeMask.Core.Settings;
using EdgeMask.Detection.YuNet;
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
            .BindConfiguration(DetectionOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DetectionOptions>, DetectionOptionsValidator>());

        services.AddLastValidOptions();
        services.AddOptions<YuNetOptions>()
            .BindConfiguration(YuNetOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<YuNetOptions>, YuNetOptionsValidator>());

        // Detection:Detector picks the implementation once, at start: yunet (default) or haar.
        // Every detector runs under the frame scheduler (full scans every N frames, windows around known faces
        // in between, nothing on a still empty scene); Detection:FullScanEveryFrames = 1 turns it off.
        services.TryAddSingleton<IFaceDetector>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DetectionOptions>>().Value;
            IFaceDetector inner = options.UsesHaar
                ? ActivatorUtilities.CreateInstance<HaarFaceDetector>(sp)
                : ActivatorUtilities.CreateInstance<YuNetFaceDetector>(sp);
            return new ScheduledFaceDetector(inner, sp.GetRequiredService<LastValidOptions<DetectionOptions>>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FaceDetectorStartup>());
        return services;
    }
}
