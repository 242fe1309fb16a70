using EdgeMask.Mqtt.Connection;
using EdgeMask.Mqtt.Stats;
using EdgeMask.TestSupport;

namespace EdgeMask.Mqtt.Tests;

public sealed class SmallPartsTests
{
    [Fact]
    public void Backoff_GrowsExponentially_StaysWithinBounds_AndResets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), new Random(42));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay()).ToArray();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));
        Assert.True(delays[3] > delays[0]);
        Assert.True(delays[^1] >= TimeSpan.FromSeconds(8));
        backoff.Reset();
        Assert.True(backoff.NextDelay() <= TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public void Discovery_WithSnapshotsAndADashboardAddress_AnnouncesTheImageAndTheVisitLink_EachValidAgainstTheSchema()
    {
        var topics = new MqttTopics("edgemask/door-1", "door-1");
        var plain = HomeAssistant.HomeAssistantDiscovery.Build(topics, "1.0", TimeSpan.FromSeconds(30));
        var full = HomeAssistant.HomeAssistantDiscovery.Build(topics, "1.0", TimeSpan.FromSeconds(30), snapshots: true, configurationUrl: "https://door.lan:8080/");

        Assert.DoesNotContain(plain, m => m.Component == "image");
        var image = Assert.Single(full, m => m.Component == "image");
        Assert.Equal("edgemask/door-1/snapshot", image.Config.ImageTopic);
        Assert.Null(image.Config.StateTopic);
        Assert.All(full, m => Assert.Equal("https://door.lan:8080/", m.Config.Device.ConfigurationUrl));
        Assert.All(plain, m => Assert.Null(m.Config.Device.ConfigurationUrl));
        foreach (var message in full.Concat(plain))
        {
            EdgeMask.TestSupport.Mqtt.PayloadSchemas.AssertValid("ha-discovery.schema.json", System.Text.Encoding.UTF8.GetString(message.ToJsonUtf8()));
        }
    }

    [Fact]
    public void Topics_AreAllBuiltFromThePrefix()
    {
        var topics = new MqttTopics("site/door-1", "door-1", "ha");

        Assert.Equal("site/door-1/availability", topics.Availability);
        Assert.Equal("site/door-1/events", topics.Events);
        Assert.Equal("site/door-1/set/#", topics.CommandFilter);
        Assert.Equal("ha/switch/door-1/buzzer_muted/config", topics.Discovery("switch", "buzzer_muted"));
        Assert.True(topics.TryGetCommandName("site/door-1/set", out var root));
        Assert.Equal(string.Empty, root);
        Assert.True(topics.TryGetCommandName("site/door-1/set/min_confidence", out var name));
        Assert.Equal("min_confidence", name);
        Assert.False(topics.TryGetCommandName("site/door-1/settings", out _));
    }

    [Fact]
    public void DeviceIds_Default_TwoMachinesWithOneHostNameGetDifferentStableIds_WithoutShowingTheMachineId()
    {
        const string first = "3d1219c7c4c5404aaa1f6d2a48adfda4";
        const string second = "5b0e8a1c9d2f4e6a8b7c6d5e4f3a2b1c";

        var a = DeviceIds.Default(first);
        var b = DeviceIds.Default(second);

        Assert.NotEqual(a, b);
        Assert.Equal(a, DeviceIds.Default(first));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(DeviceIds.FromHostName())}-[0-9a-f]{{6}}$", a);
        Assert.DoesNotContain(first[..6], a, StringComparison.Ordinal);
        Assert.True(DeviceIds.IsValid(a));
        Assert.Equal(DeviceIds.FromHostName(), DeviceIds.Default("   "));
    }

    [Theory]
    [InlineData("Door.Cam 1", "door-cam-1")]
    [InlineData("raspberrypi", "raspberrypi")]
    [InlineData("...", "edgemask")]
    public void DeviceIds_Sanitise_KeepsTopicSafeCharacters(string host, string expected)
    {
        Assert.Equal(expected, DeviceIds.Sanitise(host));
        Assert.True(DeviceIds.IsValid(DeviceIds.Sanitise(host)));
    }

    [Fact]
    public void CpuTemperature_ReadsHottestZone_AndNoneWhenAbsent()
    {
        var root = RepoPaths.NewTempDirectory("thermal");
        foreach (var (zone, milli) in new[] { ("thermal_zone0", "48312"), ("thermal_zone1", "51500\n"), ("thermal_zone2", "garbage") })
        {
            Directory.CreateDirectory(Path.Combine(root, zone));
            File.WriteAllText(Path.Combine(root, zone, "temp"), milli);
        }

        Assert.True(new CpuTemperature(root).TryRead(out var celsius));
        Assert.Equal(51.5, celsius, 3);
        Assert.False(new CpuTemperature(Path.Combine(root, "missing")).TryRead(out _));
    }
}
