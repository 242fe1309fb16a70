using EdgeMask.Mqtt.Publishing;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Local;

/// <summary>Hands incident snapshots to MQTT ({prefix}/snapshot) when Mqtt:PublishSnapshots is on; drops them otherwise.</summary>
public sealed class SnapshotOutlet
{
    private readonly MqttPublisher _publisher;
    private readonly bool _enabled;

    internal SnapshotOutlet(MqttPublisher publisher, IOptions<MqttOptions> options)
    {
        _publisher = publisher;
        _enabled = options.Value.Enabled && options.Value.PublishSnapshots;
    }

    public bool Enabled => _enabled;

    public void Offer(byte[] jpeg)
    {
        if (_enabled)
        {
            _publisher.OfferSnapshot(jpeg);
        }
    }
}
