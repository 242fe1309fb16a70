using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Mqtt.Broker;
using EdgeMask.Mqtt.Connection;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.Mqtt.Publishing;
using EdgeMask.Mqtt.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// MQTT publishing from the "Mqtt" section: the scene sink, the durable outbox, the connection loop, stats,
    /// Home Assistant discovery, commands and the optional embedded broker. With Mqtt:Enabled=false the services
    /// register but stay idle and never touch the outbox folder.
    /// </summary>
    public static IServiceCollection AddMqtt(this IServiceCollection services)
    {
        services.AddOptions<MqttOptions>()
            .BindConfiguration(MqttOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MqttOptions>, MqttOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineHealth>();
        services.TryAddSingleton<RuntimeControls>();

        services.TryAddSingleton(sp => MqttTopics.From(sp.GetRequiredService<IOptions<MqttOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            var outbox = sp.GetRequiredService<IOptions<MqttOptions>>().Value.Outbox;
            return EventOutbox.Open(outbox.Directory, outbox.MaxEvents, outbox.MaxBytes, sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventOutbox>());
        });
        services.TryAddSingleton<MqttPublisher>();
        services.TryAddSingleton<HomeAssistant.HomeAssistantForgetter>();
        services.AddSingleton<ISceneSink>(sp => sp.GetRequiredService<MqttPublisher>());
        services.TryAddSingleton<StateComposer>();
        services.TryAddSingleton<ConnectionCounters>();
        services.TryAddSingleton(new CpuTemperature());
        services.TryAddSingleton<StatsCollector>();
        services.TryAddSingleton(sp => new Local.LocalCommands(
            sp.GetRequiredService<RuntimeControls>(),
            sp.GetRequiredService<MqttTopics>(),
            sp.GetRequiredService<IOptions<MqttOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StateComposer>(),
            sp.GetRequiredService<MqttPublisher>(),
            sp.GetRequiredService<ILogger<Local.LocalCommands>>()));
        services.TryAddSingleton(sp => new Local.SnapshotOutlet(sp.GetRequiredService<MqttPublisher>(), sp.GetRequiredService<IOptions<MqttOptions>>()));
        services.TryAddSingleton(sp => new Local.DeviceStatus(
            sp.GetRequiredService<StateComposer>(), sp.GetRequiredService<StatsCollector>(), sp.GetRequiredService<PipelineHealth>()));

        // Start order: the broker before the client that may connect to it; the outbox writer before the publisher loop.
        services.AddHostedService<EmbeddedBrokerService>();
        services.AddHostedService<OutboxWriterService>();
        services.AddHostedService<MqttConnectionService>();
        services.AddHostedService<MqttStatsService>();
        return services;
    }
}
