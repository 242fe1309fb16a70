using EdgeMask.TestSupport.Mqtt;
using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Mqtt.Tests.Support;

/// <summary>
/// The MQTT area as the daemon runs it: a host with <c>AddMqtt()</c> and real configuration, fed scene updates
/// through its <see cref="ISceneSink"/> like the frame loop does.
/// </summary>
public sealed class MqttDaemon : IAsyncDisposable
{
    private readonly IHost _host;
    private long _frame;

    private MqttDaemon(IHost host, string deviceId, string outboxDirectory)
    {
        _host = host;
        DeviceId = deviceId;
        OutboxDirectory = outboxDirectory;
        Sink = host.Services.GetServices<ISceneSink>().Single();
        Controls = host.Services.GetRequiredService<RuntimeControls>();
        Health = host.Services.GetRequiredService<PipelineHealth>();
        Topics = host.Services.GetRequiredService<MqttTopics>();
    }

    public string DeviceId { get; }

    public string OutboxDirectory { get; }

    public ISceneSink Sink { get; }

    public RuntimeControls Controls { get; }

    public PipelineHealth Health { get; }

    public MqttTopics Topics { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Everything the daemon logged at Information and above.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Log => _host.Services.GetFakeLogCollector();

    /// <summary>Fast settings for tests; <paramref name="overrides"/> replace or add "Mqtt:..." keys.</summary>
    public static Dictionary<string, string?> Settings(int port, string deviceId, string outboxDirectory) => new()
    {
        ["Mqtt:Host"] = MosquittoBroker.Host,
        ["Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mqtt:DeviceId"] = deviceId,
        ["Mqtt:Outbox:Directory"] = outboxDirectory,
        ["Mqtt:ReconnectMinDelay"] = "00:00:00.100",
        ["Mqtt:ReconnectMaxDelay"] = "00:00:00.500",
        ["Mqtt:StatsInterval"] = "00:00:01",
    };

    public static async Task<MqttDaemon> StartAsync(int port, string deviceId, string outboxDirectory, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(port, deviceId, outboxDirectory);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The collector sees Information too, so tests can count what the daemon did (commands applied, for one).
        builder.Logging.AddFakeLogging();
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Testing.FakeLoggerProvider>(null, LogLevel.Information);
        builder.Services.AddMqtt();
        var host = builder.Build();
        await host.StartAsync();
        return new MqttDaemon(host, deviceId, outboxDirectory);
    }

    public ValueTask PublishAsync(SceneState state, IReadOnlyList<IncidentEvent>? events = null, PeriodSummary? summary = null) =>
        Sink.OnSceneUpdateAsync(new SceneUpdate(++_frame, DateTimeOffset.UtcNow, state, [], events ?? [], summary), CancellationToken.None);

    public ValueTask PublishEventsAsync(params IncidentEvent[] events) => PublishAsync(SceneState.Clear, events);

    public string? MqttStatus => Health.Snapshot().Components.GetValueOrDefault("mqtt");

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>An incident event of the given kind and phase, with a distance for too-close incidents.</summary>
    public static IncidentEvent Incident(Guid incidentId, IncidentKind kind, IncidentPhase phase, params int[] trackIds)
    {
        var now = DateTimeOffset.UtcNow;
        return new IncidentEvent(incidentId, kind, phase, now.AddSeconds(-1), now, trackIds, 0.93,
            kind == IncidentKind.TooClose ? 0.8 : null, kind == IncidentKind.TooClose ? "m" : null);
    }
}
