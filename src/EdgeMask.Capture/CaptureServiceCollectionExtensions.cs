using EdgeMask.Core.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeMask.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "Capture" options (validated at start; a misspelt key is an error, not ignored), the frame source factory, the
    /// <see cref="FrameChannel"/> the frame loop reads, and the capture background service.
    /// </summary>
    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>()
            .BindConfiguration(CaptureOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineHealth>();
        services.TryAddSingleton<IFrameSourceFactory, FrameSourceFactory>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CaptureOptions>>().Value;
            return new FrameChannel(
                options.ChannelCapacity,
                options.DropFrames ? FrameChannelMode.DropOldest : FrameChannelMode.Wait,
                provider.GetRequiredService<PipelineHealth>());
        });
        services.AddHostedService<CaptureService>();
        return services;
    }
}
