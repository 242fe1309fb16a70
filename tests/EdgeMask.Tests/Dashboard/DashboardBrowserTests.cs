using System.Text.Json.Nodes;
using EdgeMask.TestSupport;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace EdgeMask.Tests.Dashboard;

/// <summary>The page as a person sees it: headless Chromium against real daemons.</summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = DashboardDaemon.Timeout;

    [Fact]
    public async Task Page_ShowsPeopleAnIncidentWithItsSnapshot_AndMutesTheBuzzer()
    {
        await using var daemon = await DashboardDaemon.StartAsync("dashboard-browser", loop: true);
        using var chromium = HeadlessChromium.Start();
        chromium.Driver.Navigate().GoToUrl(daemon.Url);

        chromium.WaitFor(_ => chromium.Text("#camera-badge"), t => t.Contains("online", StringComparison.OrdinalIgnoreCase), "camera badge online", Timeout);
        chromium.WaitFor(_ => chromium.Text("#people-count"), t => int.TryParse(t, out var n) && n >= 1, "people in view", Timeout);
        chromium.WaitFor(_ => chromium.Driver.FindElements(By.CssSelector("#people-table tbody tr")).Count, n => n >= 1, "a row in the aiming table", Timeout);

        // An incident appears with its snapshot, and the picture actually loaded.
        chromium.WaitFor(
            d => (long)((IJavaScriptExecutor)d).ExecuteScript(
                "return [...document.querySelectorAll('#incidents li.incident img.snapshot')].filter(i => i.complete && i.naturalWidth > 0).length;")!,
            n => n >= 1,
            "an incident with a loaded snapshot",
            Timeout);
        Assert.Contains("No mask", chromium.Text("#incidents"), StringComparison.Ordinal);

        // The live view is a streaming image that has painted frames.
        chromium.WaitFor(d => (long)((IJavaScriptExecutor)d).ExecuteScript("return document.getElementById('live-view').naturalWidth;")!, w => w == 640, "the live view", Timeout);

        Assert.Equal("on", chromium.Text("#buzzer-state"));
        chromium.Driver.FindElement(By.Id("mute-button")).Click();
        chromium.WaitFor(_ => chromium.Text("#buzzer-state"), t => t == "muted", "buzzer shown muted", Timeout);
        chromium.WaitFor(_ => chromium.Text("#mute-button"), t => t.Contains("Unmute", StringComparison.Ordinal), "the button offers to unmute", Timeout);
        var state = (await daemon.GetJsonAsync("api/status")).GetProperty("state");
        Assert.Equal("ON", state.GetProperty("buzzer_muted").GetString());

        var screenshot = Path.Combine(daemon.Folder, "dashboard.png");
        chromium.Driver.GetScreenshot().SaveAsFile(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    [Fact]
    public async Task Page_WithTheCameraOffline_SaysSoAndWhy()
    {
        var directory = RepoPaths.NewTempDirectory("dashboard-offline");
        var port = SystemTools.FreeTcpPort();
        var config = EdgeMaskDaemon.WriteConfig(directory, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" },
            ["Web"] = new JsonObject { ["Enabled"] = true, ["Port"] = port },
        });
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await daemon.WaitForLineAsync("Dashboard at", Timeout);
        using var chromium = HeadlessChromium.Start();
        chromium.Driver.Navigate().GoToUrl($"http://127.0.0.1:{port}/");

        var panel = chromium.WaitFor(_ => chromium.Driver.FindElement(By.Id("camera-offline")), p => p.Displayed && p.Text.Contains("/dev/video99", StringComparison.Ordinal), "the offline panel naming the device", Timeout);
        Assert.Contains("Camera offline", panel.Text, StringComparison.Ordinal);
        Assert.Contains("stale", chromium.Driver.FindElement(By.Id("mask-card")).GetAttribute("class"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FleetView_ListsTwoDaemonsOnOneBroker_OverMqttWebSocket()
    {
        var brokerPort = SystemTools.FreeTcpPort();
        var webSocketPort = SystemTools.FreeTcpPort();
        JsonObject Mqtt(string id, bool embedded) => new()
        {
            ["Enabled"] = true,
            ["Host"] = "127.0.0.1",
            ["Port"] = brokerPort,
            ["DeviceId"] = id,
            ["ReconnectMinDelay"] = "00:00:00.2",
            ["ReconnectMaxDelay"] = "00:00:01",
            ["StatsInterval"] = "00:00:02",
            ["HomeAssistant"] = new JsonObject { ["Enabled"] = false },
            ["EmbeddedBroker"] = new JsonObject
            {
                ["Enabled"] = embedded,
                ["Port"] = brokerPort,
                ["WebSocket"] = new JsonObject { ["Enabled"] = embedded, ["Port"] = webSocketPort },
            },
        };

        // The front door runs the site's broker (with MQTT over WebSocket) and the dashboard; the back door reports to it.
        await using var front = await DashboardDaemon.StartAsync("dashboard-fleet-front", new JsonObject { ["Mqtt"] = Mqtt("front-door", embedded: true) }, "front-door", loop: true);
        var backDirectory = RepoPaths.NewTempDirectory("dashboard-fleet-back");
        var back = EdgeMaskDaemon.WriteConfig(backDirectory, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" },
            ["Mqtt"] = Mqtt("back-door", embedded: false).Also(m => m["Outbox"] = new JsonObject { ["Directory"] = Path.Combine(backDirectory, "outbox") }),
        });
        await using var backDaemon = EdgeMaskDaemon.Start("run", "--config", back);

        using var chromium = HeadlessChromium.Start();
        chromium.Driver.Navigate().GoToUrl(front.Url + "#fleet");
        chromium.WaitFor(_ => chromium.Driver.FindElement(By.Id("fleet-url")).GetAttribute("value") ?? string.Empty, v => v.Contains($":{webSocketPort}/mqtt", StringComparison.Ordinal), "the embedded broker's WebSocket URL", Timeout);
        chromium.Driver.FindElement(By.Id("fleet-connect")).Click();

        chromium.WaitFor(d => d.FindElements(By.CssSelector("#fleet-devices tr.device")).Select(r => r.GetAttribute("data-device-id")).Order(StringComparer.Ordinal).ToArray(), ids => ids.SequenceEqual(["back-door", "front-door"]), "both doors listed", Timeout);
        var backRow = chromium.WaitFor(d => d.FindElement(By.CssSelector("#fleet-devices tr.device[data-device-id='back-door']")).Text, t => t.Contains("offline", StringComparison.OrdinalIgnoreCase), "the back door's offline camera", Timeout);
        var frontRow = chromium.WaitFor(d => d.FindElement(By.CssSelector("#fleet-devices tr.device[data-device-id='front-door']")).Text, t => t.Contains("online", StringComparison.OrdinalIgnoreCase), "the front door online", Timeout);
        output.WriteLine(backRow);
        output.WriteLine(frontRow);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
