using System.Text;
using System.Threading.Channels;
using EdgeMask.TestSupport.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeMask.Mqtt.Tests.Support;

/// <summary>An MQTT 5 client over WebSocket, connected the way a browser dashboard connects; waits for what it receives.</summary>
public sealed class WebSocketMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<ReceivedMessage> _received = Channel.CreateUnbounded<ReceivedMessage>();

    private WebSocketMqttClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            _received.Writer.TryWrite(new ReceivedMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects to <paramref name="uri"/> (ws://host:port/path) and subscribes to <paramref name="filters"/> at QoS 1.</summary>
    public static async Task<WebSocketMqttClient> ConnectAsync(string uri, params string[] filters)
    {
        var client = new WebSocketMqttClient(new MqttClientFactory().CreateMqttClient());
        try
        {
            await client.ConnectAndSubscribeAsync(uri, filters);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async Task PublishAsync(string topic, string payload)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await _client.PublishAsync(message);
        Assert.True(result.IsSuccess, $"publish to {topic} over WebSocket failed: {result.ReasonCode}");
    }

    /// <summary>The first received message matching <paramref name="match"/>; fails after <see cref="MqttProbe.DefaultTimeout"/>.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, string what)
    {
        using var deadline = new CancellationTokenSource(MqttProbe.DefaultTimeout);
        try
        {
            await foreach (var message in _received.Reader.ReadAllAsync(deadline.Token))
            {
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"Timed out waiting over WebSocket for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(string uri, string[] filters)
    {
        var options = new MqttClientOptionsBuilder()
            .WithWebSocketServer(webSocket => webSocket.WithUri(uri))
            .WithClientId("ws-" + Guid.NewGuid().ToString("N")[..8])
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        await _client.ConnectAsync(options);
        if (filters.Length == 0)
        {
            return;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build());
    }
}
