using EdgeMask.Core.Health;
using EdgeMask.Mqtt;
using EdgeMask.Mqtt.Local;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Health;

/// <summary>Camera: healthy only while it delivers frames (a camera still opening counts for its first 30 s).</summary>
internal sealed class CameraHealthCheck(PipelineHealth health) : IHealthCheck
{
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(30);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = health.Snapshot();
        return Task.FromResult(snapshot.Camera switch
        {
            CameraState.Online => HealthCheckResult.Healthy(snapshot.CameraDetail),
            CameraState.Starting when snapshot.Uptime < StartGrace => HealthCheckResult.Healthy($"starting: {snapshot.CameraDetail}"),
            CameraState.Starting => HealthCheckResult.Unhealthy($"camera not open after {snapshot.Uptime.TotalSeconds:0} s: {snapshot.CameraDetail}"),
            _ => HealthCheckResult.Unhealthy($"camera offline: {snapshot.CameraDetail}"),
        });
    }
}

/// <summary>Detector: the frame loop proves progress every second, frames or not; silence means it is stuck.</summary>
internal sealed class DetectorHealthCheck(PipelineHealth health, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(10);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var since = health.LastProgressAt == default ? health.StartedAt : health.LastProgressAt;
        var quiet = now - since;
        return Task.FromResult(quiet <= Stalled
            ? HealthCheckResult.Healthy($"{health.FramesProcessed} frames processed")
            : HealthCheckResult.Unhealthy($"frame loop silent for {quiet.TotalSeconds:0} s"));
    }
}

/// <summary>Broker: connected, or MQTT turned off.</summary>
internal sealed class BrokerHealthCheck(DeviceStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broker = status.Broker;
        return Task.FromResult(broker is "connected" or "disabled"
            ? HealthCheckResult.Healthy(broker)
            : HealthCheckResult.Unhealthy($"broker {broker}; events wait in the outbox"));
    }
}

/// <summary>Outbox: room for more events (below 90 % of either limit).</summary>
internal sealed class OutboxHealthCheck(DeviceStatus status, IOptions<MqttOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limits = options.Value.Outbox;
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("MQTT disabled"));
        }

        var stats = status.Stats();
        var description = $"{stats.OutboxDepth} events, {stats.OutboxBytes} bytes, {stats.OutboxDropped} dropped";
        return Task.FromResult(stats.OutboxDepth >= limits.MaxEvents * 0.9 || stats.OutboxBytes >= limits.MaxBytes * 0.9
            ? HealthCheckResult.Unhealthy($"outbox nearly full: {description}")
            : HealthCheckResult.Healthy(description));
    }
}
