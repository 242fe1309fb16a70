using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Signals.Hardware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeMask.Signals;

public static class SignalsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "Signals" options (validated at start, unknown keys rejected), the outputs on the auto-selected
    /// GPIO driver (simulated where there is none), the <see cref="SignalController"/> as an <see cref="ISceneSink"/>,
    /// the <see cref="OutputTester"/> for `edgemask gpio-test`, and the hosted service running the pattern engine.
    /// </summary>
    public static IServiceCollection AddSignals(this IServiceCollection services)
    {
        services.AddOptions<SignalsOptions>()
            .BindConfiguration(SignalsOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalsOptions>, SignalsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineHealth>();
        services.TryAddSingleton<RuntimeControls>();
        services.TryAddSingleton<IGpioPlatform, LinuxGpioPlatform>();
        services.TryAddSingleton(provider => new SignalOutputsFactory(
            provider.GetRequiredService<IGpioPlatform>(),
            provider.GetRequiredService<PipelineHealth>(),
            Loggers(provider)).Create(provider.GetRequiredService<IOptions<SignalsOptions>>().Value));

        // The container owns the outputs (it disposes them after the controller, which turns them off first).
        services.TryAddSingleton(provider => new SignalController(
            provider.GetRequiredService<IOptions<SignalsOptions>>().Value,
            provider.GetRequiredService<SignalOutputs>(),
            provider.GetRequiredService<RuntimeControls>(),
            provider.GetRequiredService<TimeProvider>(),
            Loggers(provider).CreateLogger<SignalController>(),
            shouldDispose: false));
        services.AddSingleton<ISceneSink>(provider => provider.GetRequiredService<SignalController>());
        services.TryAddSingleton(provider => new OutputTester(
            provider.GetRequiredService<SignalOutputs>(),
            provider.GetRequiredService<TimeProvider>(),
            Loggers(provider).CreateLogger<OutputTester>()));
        services.AddHostedService<SignalService>();
        return services;
    }

    private static ILoggerFactory Loggers(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
