using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;
using EdgeMask.TestSupport.Mqtt;

namespace EdgeMask.Tests.Dashboard;

/// <summary>Snapshots over MQTT, a full snapshot disk, and the dashboard's login and TLS, against real daemons.</summary>
public sealed class DashboardOutputsTests
{
    private static readonly TimeSpan Timeout = DashboardDaemon.Timeout;

    private static JsonObject Mqtt(int port, string outbox, bool publishSnapshots) => new()
    {
        ["Enabled"] = true,
        ["Host"] = MosquittoBroker.Host,
        ["Port"] = port,
        ["PublishSnapshots"] = publishSnapshots,
        ["ReconnectMinDelay"] = "00:00:00.2",
        ["ReconnectMaxDelay"] = "00:00:01",
        ["Outbox"] = new JsonObject { ["Directory"] = outbox },
    };

    [Fact]
    public async Task PublishSnapshots_SendsTheIncidentPictureRetained_AndAnnouncesAHomeAssistantImage()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/snapshot", "edgemask/door-1/events", "homeassistant/image/door-1/snapshot/config"]);
        var outbox = RepoPaths.NewTempDirectory("snapshot-mqtt-outbox");
        await using var daemon = await DashboardDaemon.StartAsync("snapshot-mqtt", new JsonObject { ["Mqtt"] = Mqtt(broker.Port, outbox, publishSnapshots: true) }, loop: true);

        var start = (await probe.WaitForTopicAsync("edgemask/door-1/events", payload: p => p.Contains("\"phase\":\"start\"", StringComparison.Ordinal), timeout: Timeout))[0];
        using var incident = JsonDocument.Parse(start.Payload);
        PayloadSchemas.AssertValid("event.schema.json", start.Payload);
        Assert.Equal(incident.RootElement.GetProperty("incident_id").GetGuid().ToString("N"), incident.RootElement.GetProperty("snapshot").GetString());

        var picture = (await probe.WaitForTopicAsync("edgemask/door-1/snapshot", timeout: Timeout))[0];
        Assert.True(picture.Payload.Length > 5_000, $"snapshot payload of {picture.Payload.Length} characters");

        var image = (await probe.WaitForTopicAsync("homeassistant/image/door-1/snapshot/config", timeout: Timeout))[0];
        PayloadSchemas.AssertValid("ha-discovery.schema.json", image.Payload);
        using var config = JsonDocument.Parse(image.Payload);
        Assert.Equal("edgemask/door-1/snapshot", config.RootElement.GetProperty("image_topic").GetString());
        Assert.Equal("image/jpeg", config.RootElement.GetProperty("content_type").GetString());
    }

    [SkippableFact]
    public async Task FullSnapshotDisk_DetectionAndMqttEventsGoOn()
    {
        using var disk = SmallTmpfs.TryMount(64, out var whyNot);
        Skip.If(disk is null, whyNot);
        disk.Fill();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, ["edgemask/door-1/events"]);
        var outbox = RepoPaths.NewTempDirectory("snapshot-full-outbox");
        await using var daemon = await DashboardDaemon.StartAsync("snapshot-full", new JsonObject
        {
            ["Mqtt"] = Mqtt(broker.Port, outbox, publishSnapshots: false),
            ["Snapshots"] = new JsonObject { ["Directory"] = disk.Path },
        }, loop: true);

        await probe.WaitForTopicAsync("edgemask/door-1/events", payload: p => p.Contains("\"phase\":\"start\"", StringComparison.Ordinal), timeout: Timeout);
        await daemon.Process.WaitForLineAsync("could not be stored", Timeout);
        var before = (await daemon.GetJsonAsync("api/status")).GetProperty("stats").GetProperty("frames_processed").GetInt64();
        await daemon.WaitForJsonAsync("api/status", s => s.GetProperty("stats").GetProperty("frames_processed").GetInt64() > before + 10, "frames still processed");
        Assert.Equal(1, daemon.Process.Output.Split('\n').Count(l => l.Contains("could not be stored", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Credentials_GuardEveryPageButHealth_AndTlsServesHttps()
    {
        var openssl = SystemTools.Require("openssl");
        var directory = RepoPaths.NewTempDirectory("dashboard-login");
        var key = Path.Combine(directory, "dashboard.key");
        var certificate = Path.Combine(directory, "dashboard.crt");
        await using (var make = ProcessRunner.Start(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", certificate]))
        {
            Assert.Equal(0, await make.WaitForExitAsync(Timeout));
        }

        var hashFile = Path.Combine(directory, "password.hash");
        await using (var hash = EdgeMaskDaemon.Start("hash-password"))
        {
            await hash.WriteInputAsync("correct horse battery\n");
            Assert.Equal(0, await hash.WaitForExitAsync(Timeout));
            await File.WriteAllTextAsync(hashFile, hash.Output.Trim());
        }

        Assert.DoesNotContain("correct horse", await File.ReadAllTextAsync(hashFile), StringComparison.Ordinal);
        var port = SystemTools.FreeTcpPort();
        var web = new JsonObject
        {
            ["Enabled"] = true,
            ["Port"] = port,
            ["BindAddress"] = "0.0.0.0",
            ["Username"] = "admin",
            ["PasswordHashFile"] = hashFile,
            ["CertificateFile"] = certificate,
            ["CertificateKeyFile"] = key,
        };
        var config = EdgeMaskDaemon.WriteConfig(directory, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" },
            ["Web"] = web,
        });
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await daemon.WaitForLineAsync("Dashboard at https://0.0.0.0:", Timeout);

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=127.0.0.1" };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/") };
        using (var anonymous = await http.GetAsync("api/status"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var control = await http.PostAsync("api/commands", new StringContent("{\"buzzer_muted\":\"ON\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, control.StatusCode);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("healthz")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:wrong password")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/status")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:correct horse battery")));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

        // The same address without credentials is refused before anything starts.
        web.Remove("Username");
        var open = EdgeMaskDaemon.WriteConfig(RepoPaths.NewTempDirectory("dashboard-open"), new JsonObject { ["Web"] = web.DeepClone() });
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", open);
        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Contains("Web:BindAddress 0.0.0.0 reaches beyond this machine", output, StringComparison.Ordinal);
    }
}
