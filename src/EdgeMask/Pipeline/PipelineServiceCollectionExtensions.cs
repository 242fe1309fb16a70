using EdgeMask.Core.Outputs;
using EdgeMask.Outputs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeMask.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>The frame loop that joins the stages, and the journal log of incidents and state.</summary>
    public static IServiceCollection AddFramePipeline(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISceneSink, LoggingSceneSink>());
        services.AddHostedService<FrameLoop>();
        return services;
    }
}
