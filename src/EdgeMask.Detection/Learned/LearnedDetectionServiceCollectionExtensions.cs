using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.Learned;

public static class LearnedDetectionServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="LearnedDetectorOptions"/> (section <c>Detection:Learned</c>). The detector itself
    /// is created by <c>AddDetection</c> through <see cref="LearnedFaceDetectorFactory"/> when <c>Detection:Detector</c>
    /// is <c>tiny</c> or <c>ssd</c>.
    /// </summary>
    public static IServiceCollection AddLearnedDetectorOptions(this IServiceCollection services)
    {
        services.AddOptions<LearnedDetectorOptions>()
            .BindConfiguration(LearnedDetectorOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LearnedDetectorOptions>, LearnedDetectorOptionsValidator>();
        return services;
    }
}
