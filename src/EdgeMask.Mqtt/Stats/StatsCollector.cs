using EdgeMask.Core.Health;
using EdgeMask.Mqtt.Outbox;
using EdgeMask.Mqtt.Publishing;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Stats;

/// <summary>Gathers one stats payload: pipeline health, outbox, process and CPU temperature figures.</summary>
internal sealed class StatsCollector
{
    private readonly PipelineHealth _health;
    private readonly EventOutbox? _outbox;
    private readonly MqttPublisher _publisher;
    private readonly ConnectionCounters _connection;
    private readonly ProcessMetrics _process;
    private readonly CpuTemperature _temperature;
    private readonly TimeProvider _time;
    private readonly string _deviceId;

    public StatsCollector(
        PipelineHealth health,
        IServiceProvider services,
        MqttPublisher publisher,
        ConnectionCounters connection,
        CpuTemperature temperature,
        TimeProvider time,
        IOptions<MqttOptions> options)
    {
        _health = health;
        // With MQTT off the outbox folder is never opened (the dashboard still reads stats).
        _outbox = options.Value.Enabled ? (EventOutbox)services.GetService(typeof(EventOutbox))! : null;
        _publisher = publisher;
        _connection = connection;
        _temperature = temperature;
        _time = time;
        _process = new ProcessMetrics(time);
        _deviceId = options.Value.DeviceId!;
    }

    public StatsPayload Collect()
    {
        var health = _health.Snapshot();
        return new StatsPayload(
            PayloadSchema.Version,
            _deviceId,
            _time.GetUtcNow(),
            VersionInfo.Current,
            Math.Round(health.Uptime.TotalSeconds, 1),
            health.Camera.Name(),
            Math.Round(health.CameraFps, 2),
            Math.Round(health.ProcessedFps, 2),
            health.FramesCaptured,
            health.FramesProcessed,
            health.FramesDropped,
            Math.Round(health.DetectionMs, 2),
            Math.Round(health.InferenceMsPerFace, 2),
            _outbox?.Depth ?? 0,
            _outbox?.Bytes ?? 0,
            (_outbox?.Dropped ?? 0) + _publisher.EventsLost,
            _process.SampleCpuPercent(),
            ProcessMetrics.RssBytes(),
            _temperature.TryRead(out var celsius) ? Math.Round(celsius, 1) : null,
            _connection.Reconnects);
    }
}
