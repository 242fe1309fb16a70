using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeMask.TestSupport.Mqtt;

public sealed record ReceivedMessage(string Topic, string Payload, bool Retain);

/// <summary>
/// A test subscriber (MQTT 3.1.1). Keeps every message it receives, and waits for messages matching a predicate.
/// With <c>persistentSession</c> the broker queues QoS 1 messages for it while it is away (see <see cref="ReconnectAsync"/>).
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly List<ReceivedMessage> _messages = [];
    private readonly string _host;
    private readonly int _port;
    private readonly string[] _filters;
    private readonly bool _persistentSession;
    private readonly MosquittoLogin? _login;
    private readonly string _clientId = "probe-" + Guid.NewGuid().ToString("N")[..8];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMqttClient? _client;

    private MqttProbe(string host, int port, string[] filters, bool persistentSession, MosquittoLogin? login)
    {
        _login = login;
        _host = host;
        _port = port;
        _filters = filters;
        _persistentSession = persistentSession;
    }

    /// <param name="login">Credentials to log in with; anonymous when null.</param>
    public static async Task<MqttProbe> ConnectAsync(int port, string[] filters, bool persistentSession = false, MosquittoLogin? login = null)
    {
        var probe = new MqttProbe(MosquittoBroker.Host, port, filters, persistentSession, login);
        await probe.ReconnectAsync();
        return probe;
    }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToArray();
            }
        }
    }

    public async Task ReconnectAsync()
    {
        _client?.Dispose();
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            lock (_messages)
            {
                _messages.Add(new ReceivedMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
                _arrived.TrySetResult();
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(!_persistentSession);
        if (_login is not null)
        {
            builder.WithCredentials(_login.Username, _login.Password);
        }

        // MQTTnet returns a refusal (CONNACK) instead of throwing it.
        var connected = await client.ConnectAsync(builder.Build());
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"the broker refused the probe: {connected.ResultCode}");
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build());
        _client = client;
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await _client!.PublishAsync(message);
    }

    public async Task PublishAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await _client!.PublishAsync(message);
    }

    /// <summary>Waits until at least <paramref name="count"/> received messages match; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(Func<ReceivedMessage, bool> match, int count = 1, TimeSpan? timeout = null, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task arrived;
            lock (_messages)
            {
                var matching = _messages.Where(match).ToArray();
                if (matching.Length >= count)
                {
                    return matching;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join("\n", Messages.Select(m => $"  {m.Topic}: {Truncate(m.Payload)}"));
                throw new TimeoutException($"Timed out waiting for {count} x {what ?? "message"}; received:\n{seen}");
            }
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForTopicAsync(string topic, int count = 1, Func<string, bool>? payload = null, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.Topic == topic && (payload is null || payload(m.Payload)), count, timeout, topic);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
