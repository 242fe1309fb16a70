using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EdgeMask.TestSupport;

namespace EdgeMask.Mqtt.Tests;

public sealed class MqttOptionsTests
{
    private static MqttOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddMqtt();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MqttOptions>>().Value;
    }

    [Fact]
    public void Defaults_DeriveDeviceIdPrefixAndClientIdFromTheHostNameAndMachineId()
    {
        var options = Resolve([]);

        Assert.Equal(DeviceIds.Default(), options.DeviceId);
        Assert.StartsWith(DeviceIds.FromHostName(), options.DeviceId, StringComparison.Ordinal);
        Assert.Equal($"edgemask/{options.DeviceId}", options.TopicPrefix);
        Assert.Equal($"edgemask-{options.DeviceId}", options.ClientId);
        Assert.Equal("/var/lib/edgemask/outbox", options.Outbox.Directory);
        Assert.Equal("EDGEMASK_MQTT_PASSWORD", options.PasswordEnvironmentVariable);
        Assert.Equal(500, options.ProtocolVersion);
    }

    [Theory]
    [InlineData("Mqtt:Port", "0", "Mqtt:Port must be 1-65535")]
    [InlineData("Mqtt:ProtocolVersion", "400", "Mqtt:ProtocolVersion must be 311")]
    [InlineData("Mqtt:DeviceId", "door 1", "Mqtt:DeviceId 'door 1' must be")]
    [InlineData("Mqtt:TopicPrefix", "edgemask/#", "Mqtt:TopicPrefix 'edgemask/#' must not contain")]
    [InlineData("Mqtt:TopicPrefix", "/edgemask", "Mqtt:TopicPrefix '/edgemask' must not start or end")]
    [InlineData("Mqtt:ReconnectMinDelay", "00:05:00", "Mqtt:ReconnectMinDelay (00:05:00) must not exceed Mqtt:ReconnectMaxDelay")]
    [InlineData("Mqtt:Outbox:MaxEvents", "0", "Mqtt:Outbox:MaxEvents must be 1-10000000")]
    [InlineData("Mqtt:Commands:MaxPayloadBytes", "1", "Mqtt:Commands:MaxPayloadBytes must be 16-65536")]
    [InlineData("Mqtt:Tls:CaFile", "/nonexistent/ca.crt", "Mqtt:Tls:Enabled is false")]
    [InlineData("Mqtt:PasswordFile", "/nonexistent/password", "Mqtt:PasswordFile '/nonexistent/password' does not exist")]
    [InlineData("Mqtt:StatsInterval", "00:00:00.100", "Mqtt:StatsInterval must be")]
    [InlineData("Mqtt:EmbeddedBroker:WebSocket:Port", "65536", "Mqtt:EmbeddedBroker:WebSocket:Port must be 1-65535")]
    [InlineData("Mqtt:EmbeddedBroker:WebSocket:Path", "mqtt", "Mqtt:EmbeddedBroker:WebSocket:Path 'mqtt' must start with '/'")]
    [InlineData("Mqtt:EmbeddedBroker:WebSocket:Path", "/{topic}", "Mqtt:EmbeddedBroker:WebSocket:Path '/{topic}' must start with '/'")]
    [InlineData("Mqtt:EmbeddedBroker:WebSocket:Path", "", "Mqtt:EmbeddedBroker:WebSocket:Path is required")]
    [InlineData("Mqtt:EmbeddedBroker:WebSocket:Enabled", "true", "Mqtt:EmbeddedBroker:WebSocket:Enabled needs Mqtt:EmbeddedBroker:Enabled")]
    [InlineData("Mqtt:HomeAssistant:ConfigurationUrl", "door.lan:8080", "Mqtt:HomeAssistant:ConfigurationUrl 'door.lan:8080' must be an absolute http:// or https:// address")]
    [InlineData("Mqtt:HomeAssistant:ConfigurationUrl", "file:///etc/passwd", "must be an absolute http:// or https:// address")]
    public void Validate_BadValue_FailsNamingTheFullKey(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(message, string.Join("\n", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedBroker_ListensOnLoopbackByDefault_AndRefusesAnyOtherAddressWithoutALogin()
    {
        Assert.Equal("127.0.0.1", Resolve([]).EmbeddedBroker.BindAddress);

        var open = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Mqtt:EmbeddedBroker:Enabled"] = "true", ["Mqtt:EmbeddedBroker:BindAddress"] = "0.0.0.0" }));
        Assert.Contains("Mqtt:EmbeddedBroker:BindAddress '0.0.0.0' is reachable from the network: set Mqtt:EmbeddedBroker:Username and Mqtt:EmbeddedBroker:PasswordFile", string.Join("\n", open.Failures), StringComparison.Ordinal);

        var half = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Mqtt:EmbeddedBroker:Username"] = "sentinel" }));
        Assert.Contains("Mqtt:EmbeddedBroker:Username and Mqtt:EmbeddedBroker:PasswordFile go together", string.Join("\n", half.Failures), StringComparison.Ordinal);

        var passwordFile = Path.Combine(RepoPaths.NewTempDirectory("secrets"), "broker-password");
        File.WriteAllText(passwordFile, "door-secret");
        var guardedBroker = new Dictionary<string, string?>
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:BindAddress"] = "0.0.0.0",
            ["Mqtt:EmbeddedBroker:Username"] = "sentinel",
            ["Mqtt:EmbeddedBroker:PasswordFile"] = passwordFile,
        };

        // The daemon publishes into its own broker (localhost:1883 by default), so its client must log in too.
        var anonymousSelf = Assert.Throws<OptionsValidationException>(() => Resolve(new(guardedBroker)));
        Assert.Contains("Mqtt:Username is required: the embedded broker refuses anonymous clients", string.Join("\n", anonymousSelf.Failures), StringComparison.Ordinal);

        var guarded = Resolve(new(guardedBroker) { ["Mqtt:Username"] = "sentinel", ["Mqtt:PasswordFile"] = passwordFile });
        Assert.Equal("0.0.0.0", guarded.EmbeddedBroker.BindAddress);
    }

    [Fact]
    public void Defaults_EmbeddedBrokerWebSocketIsOff_OnPort9001AtSlashMqtt()
    {
        var webSocket = Resolve([]).EmbeddedBroker.WebSocket;

        Assert.False(webSocket.Enabled);
        Assert.Equal(9001, webSocket.Port);
        Assert.Equal("/mqtt", webSocket.Path);
    }

    [Fact]
    public void Validate_WebSocketPortEqualToTheBrokerTcpPort_FailsNamingBothKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:Port"] = "1884",
            ["Mqtt:EmbeddedBroker:WebSocket:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:WebSocket:Port"] = "1884",
        }));

        Assert.Contains("Mqtt:EmbeddedBroker:WebSocket:Port (1884) must differ from Mqtt:EmbeddedBroker:Port (1884)", error.Failures);
    }

    [Fact]
    public void Validate_WebSocketEnabledWithItsOwnPortAndPath_Passes()
    {
        var options = Resolve(new()
        {
            ["Mqtt:EmbeddedBroker:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:WebSocket:Enabled"] = "true",
            ["Mqtt:EmbeddedBroker:WebSocket:Port"] = "8083",
            ["Mqtt:EmbeddedBroker:WebSocket:Path"] = "/ws/mqtt-v1.0_~",
        });

        Assert.Equal(8083, options.EmbeddedBroker.WebSocket.Port);
    }

    [Fact]
    public void Validate_TlsEnabledWithMissingCaFile_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Mqtt:Tls:Enabled"] = "true", ["Mqtt:Tls:CaFile"] = "/nonexistent/ca.crt" }));

        Assert.Contains("Mqtt:Tls:CaFile '/nonexistent/ca.crt' does not exist", error.Failures);
    }

    [Fact]
    public void Password_FromFile_WinsOverEnvironmentAndPlainKey()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\n");
        var options = new MqttOptions { Username = "u", PasswordFile = file, Password = "plain", PasswordEnvironmentVariable = "EDGEMASK_TEST_UNSET_VARIABLE" };

        Assert.Equal("from-file", MqttCredentials.ResolvePassword(options));
        Assert.Equal("plain", MqttCredentials.ResolvePassword(new MqttOptions { Password = "plain", PasswordEnvironmentVariable = "EDGEMASK_TEST_UNSET_VARIABLE" }));
    }
}
