using EdgeMask.Mqtt.Connection;
using EdgeMask.Mqtt.Stats;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeMask.Mqtt.HomeAssistant;

/// <summary>
/// Removes this device from Home Assistant and the broker: an empty retained payload on every discovery topic it
/// recorded (and the ones it would publish now) and on its retained availability, state, stats and summary topics.
/// For `edgemask forget-home-assistant`, which the package's prerm runs when the package is removed.
/// </summary>
public sealed class HomeAssistantForgetter(IOptions<MqttOptions> options, MqttTopics topics)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Returns how many retained topics were cleared; throws when the broker cannot be reached or refuses.</summary>
    public async Task<int> ForgetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ledger = DiscoveryLedger.InOutboxFolder(settings.Outbox.Directory);
        var targets = ledger.Load()
            .Union(HomeAssistantDiscovery.Build(topics, VersionInfo.Current, settings.StatsInterval, snapshots: true).Select(m => m.Topic))
            .Union([topics.Availability, topics.State, topics.Stats, topics.Summary, topics.Snapshot])
            .ToList();

        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var connected = await client.ConnectAsync(MqttClientOptionsFactory.Create(settings, topics), timeout.Token).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new BrokerRefusedException(connected);
        }

        foreach (var topic in targets)
        {
            var empty = new MqttApplicationMessageBuilder().WithTopic(topic).WithRetainFlag(true).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            await client.PublishAsync(empty, cancellationToken).ConfigureAwait(false);
        }

        // A normal disconnect: the Last Will ("offline") is not published, so nothing is left behind.
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        if (File.Exists(ledger.Path))
        {
            File.Delete(ledger.Path);
        }

        return targets.Count;
    }
}
