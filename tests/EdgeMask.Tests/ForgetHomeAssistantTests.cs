using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using EdgeMask.TestSupport.Mqtt;

namespace EdgeMask.Tests;

public class ForgetHomeAssistantTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ForgetHomeAssistant_ClearsRecordedDiscoveryAndTheDevicesRetainedTopics_OnARealBroker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dir = RepoPaths.NewTempDirectory("forget");
        var outbox = Path.Combine(dir, "outbox");
        Directory.CreateDirectory(outbox);

        // What a daemon of an earlier name and this one left retained, as recorded in the state folder.
        const string oldConfig = "homeassistant/sensor/door-before-rename/people_in_view/config";
        const string currentConfig = "homeassistant/binary_sensor/porch/mask_violation/config";
        await File.WriteAllTextAsync(Path.Combine(outbox, "home-assistant-discovery.topics"), $"{oldConfig}\n{currentConfig}\n");
        await using (var publisher = await MqttProbe.ConnectAsync(broker.Port, ["unused/nothing"]))
        {
            foreach (var topic in new[] { oldConfig, currentConfig, "edgemask/porch/availability", "edgemask/porch/state", "edgemask/porch/stats" })
            {
                await publisher.PublishAsync(topic, "{\"left\":\"behind\"}", retain: true);
            }
        }

        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Mqtt"] = new JsonObject { ["Enabled"] = true, ["Host"] = MosquittoBroker.Host, ["Port"] = broker.Port, ["DeviceId"] = "porch", ["Outbox"] = new JsonObject { ["Directory"] = outbox } },
        });

        var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, "forget-home-assistant", "--config", config], Timeout);

        Assert.True(result.ExitCode == ExitCodes.Success, result.StandardOutput + result.StandardError);
        Assert.Contains("of device 'porch'", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outbox, "home-assistant-discovery.topics")));
        await using var late = await MqttProbe.ConnectAsync(broker.Port, ["homeassistant/#", "edgemask/#", "probe/done"]);
        await late.PublishAsync("probe/done", "x");
        await late.WaitForTopicAsync("probe/done");
        Assert.DoesNotContain(late.Messages, m => m.Topic != "probe/done");
    }

    [Fact]
    public async Task ForgetHomeAssistant_NoBroker_ExitsUnavailableWithOneLine()
    {
        var dir = RepoPaths.NewTempDirectory("forget");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Mqtt"] = new JsonObject { ["Enabled"] = true, ["Host"] = "127.0.0.1", ["Port"] = SystemTools.FreeTcpPort(), ["Outbox"] = new JsonObject { ["Directory"] = Path.Combine(dir, "outbox") } },
        });

        var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, "forget-home-assistant", "--config", config], Timeout);

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.StartsWith("edgemask: could not reach the broker", result.StandardError, StringComparison.Ordinal);
    }
}
