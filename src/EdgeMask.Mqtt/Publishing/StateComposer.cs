using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Publishing;

/// <summary>Builds the state payload from the scene, the camera, the runtime controls and the last command's ack.</summary>
internal sealed class StateComposer
{
    private readonly MqttPublisher _publisher;
    private readonly PipelineHealth _health;
    private readonly RuntimeControls _controls;
    private readonly TimeProvider _time;
    private readonly string _deviceId;
    private readonly IEffectiveSettings? _effective;
    private CommandAck? _lastCommand;

    /// <param name="effective">The thresholds in force; absent where no classifier or scene runs (then null in the state).</param>
    public StateComposer(MqttPublisher publisher, PipelineHealth health, RuntimeControls controls, TimeProvider time, IOptions<MqttOptions> options, IEffectiveSettings? effective = null)
    {
        _effective = effective;
        _publisher = publisher;
        _health = health;
        _controls = controls;
        _time = time;
        _deviceId = options.Value.DeviceId!;
    }

    public void RecordCommand(CommandAck ack) => Volatile.Write(ref _lastCommand, ack);

    public StatePayload Compose()
    {
        var scene = _publisher.Scene;
        return new StatePayload(
            PayloadSchema.Version,
            _deviceId,
            _time.GetUtcNow(),
            PayloadSchema.OnOff(scene.MaskViolation),
            PayloadSchema.OnOff(scene.DistanceViolation),
            scene.PeopleInView,
            _health.Snapshot().Camera.Name(),
            PayloadSchema.OnOff(_controls.BuzzerMuted),
            PayloadSchema.OnOff(_controls.DetectionPaused),
            _controls.MaskConfidenceThreshold,
            _controls.MinDistanceMeters,
            Volatile.Read(ref _lastCommand),
            _effective?.MinConfidence,
            _effective?.MinDistanceMeters);
    }
}
