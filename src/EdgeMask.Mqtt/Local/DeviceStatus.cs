using EdgeMask.Core.Health;
using EdgeMask.Mqtt.Connection;
using EdgeMask.Mqtt.Publishing;
using EdgeMask.Mqtt.Stats;

namespace EdgeMask.Mqtt.Local;

/// <summary>The device's state and stats as the MQTT payloads carry them, for local readers (the dashboard, /metrics).</summary>
public sealed class DeviceStatus
{
    private readonly StateComposer _state;
    private readonly StatsCollector _stats;
    private readonly PipelineHealth _health;

    internal DeviceStatus(StateComposer state, StatsCollector stats, PipelineHealth health)
    {
        _state = state;
        _stats = stats;
        _health = health;
    }

    public StatePayload State() => _state.Compose();

    public StatsPayload Stats() => _stats.Collect();

    /// <summary>"connected", "connecting", "disabled", or what went wrong; "starting" before the connection loop runs.</summary>
    public string Broker => _health.Snapshot().Components.GetValueOrDefault(MqttConnectionService.HealthComponent, "starting");
}
