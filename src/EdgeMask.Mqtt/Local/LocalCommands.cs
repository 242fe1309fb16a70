using EdgeMask.Core.Control;
using EdgeMask.Mqtt.Commands;
using EdgeMask.Mqtt.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Local;

/// <summary>
/// Commands from the device itself (the dashboard): validated and applied exactly as MQTT commands are, and
/// acknowledged in the retained state, so Home Assistant sees a mute pressed on the dashboard.
/// </summary>
public sealed class LocalCommands
{
    private readonly CommandProcessor _processor;
    private readonly StateComposer _state;
    private readonly MqttPublisher _publisher;

    internal LocalCommands(RuntimeControls controls, MqttTopics topics, IOptions<MqttOptions> options, TimeProvider time, StateComposer state, MqttPublisher publisher, ILogger<LocalCommands> logger)
    {
        _processor = new CommandProcessor(controls, topics, options.Value.Commands.MaxPayloadBytes, time, logger);
        _state = state;
        _publisher = publisher;
    }

    /// <param name="origin">Where the command came from, e.g. "web"; shown as the ack's topic.</param>
    /// <param name="json">A JSON object as on the {prefix}/set topic.</param>
    public CommandAck Apply(string origin, string json)
    {
        var ack = _processor.HandleLocal(origin, json);
        _state.RecordCommand(ack);
        _publisher.Wake.Set();
        return ack;
    }
}
