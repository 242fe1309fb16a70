using EdgeMask.Classification;
using EdgeMask.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeMask.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Registers detection, classification and the <see cref="IFrameAnalyzer"/> that joins them.</summary>
    public static IServiceCollection AddFrameAnalysis(this IServiceCollection services)
    {
        services.AddDetection().AddClassification();
        services.TryAddSingleton<IFrameAnalyzer, FrameAnalyzer>();
        return services;
    }
}
