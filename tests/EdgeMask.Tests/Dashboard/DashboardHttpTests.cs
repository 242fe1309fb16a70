using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeMask.Hosting;
using OpenCvSharp;

namespace EdgeMask.Tests.Dashboard;

/// <summary>The dashboard's HTTP side against a real daemon watching a door clip: pictures, state, controls, health, metrics.</summary>
public sealed partial class DashboardHttpTests
{
    [Fact]
    public async Task Dashboard_ServesAnnotatedFramesIncidentSnapshotsMetricsAndHealth_AndHealthTurns503WhenTheCameraGoesAway()
    {
        await using var daemon = await DashboardDaemon.StartAsync("dashboard-http");

        var status = await daemon.WaitForJsonAsync("api/status", s => s.GetProperty("state").GetProperty("camera").GetString() == "online", "camera online");
        Assert.Equal("door-1", status.GetProperty("device_id").GetString());
        Assert.Equal("disabled", status.GetProperty("mqtt").GetString());

        // The MJPEG stream delivers decodable frames with the verdict boxes drawn in.
        var frames = await ReadMjpegFramesAsync(daemon.Http, "api/stream.mjpg", count: 3);
        Assert.All(frames, jpeg =>
        {
            using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
            Assert.Equal(new Size(640, 480), image.Size());
            Assert.True(BoxPixels(image) > 200, $"no verdict box colour in the streamed frame ({BoxPixels(image)} pixels)");
        });

        using (var snapshot = await daemon.Http.GetAsync("api/snapshot.jpg"))
        {
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
        }

        // The bare face walking past starts an incident; its snapshot is on disk and served by the id the event names.
        var incidents = await daemon.WaitForJsonAsync("api/incidents", list => list.EnumerateArray().Any(i => i.GetProperty("kind").GetString() == "no_mask"), "a no_mask incident");
        var incident = incidents.EnumerateArray().First(i => i.GetProperty("kind").GetString() == "no_mask");
        var id = incident.GetProperty("snapshot").GetString()!;
        Assert.Equal(incident.GetProperty("incident_id").GetGuid().ToString("N"), id);
        await WaitForAsync(() => File.Exists(Path.Combine(daemon.SnapshotFolder, id + ".jpg")), "the snapshot file");
        var stored = await daemon.Http.GetByteArrayAsync($"api/snapshots/{id}.jpg");
        using (var picture = Cv2.ImDecode(stored, ImreadModes.Color))
        {
            Assert.True(BoxPixels(picture) > 200, "the incident snapshot shows no verdict box");
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await daemon.Http.GetAsync("api/snapshots/..%2F..%2Fappsettings.test.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daemon.Http.GetAsync($"api/snapshots/{new string('a', 32)}.jpg")).StatusCode);

        // /metrics is Prometheus text: every sample line is name{labels} value, and the figures are live.
        var metrics = await daemon.Http.GetStringAsync("metrics");
        var samples = metrics.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        Assert.NotEmpty(samples);
        Assert.All(samples, line => Assert.Matches(PrometheusSample(), line));
        Assert.Contains("edgemask_camera_online 1", samples);
        Assert.Contains(samples, l => l.StartsWith("edgemask_frames_total{outcome=\"processed\"}", StringComparison.Ordinal));
        Assert.Contains(samples, l => l.StartsWith("edgemask_snapshots_stored_total", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));

        using (var healthy = await daemon.Http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        // The camera goes away: the pipe's clip is gone, so the next restart of the pipe plays nothing.
        File.Delete(daemon.Clip);
        var deadline = DateTime.UtcNow + DashboardDaemon.Timeout;
        HttpResponseMessage health;
        while (true)
        {
            health = await daemon.Http.GetAsync("healthz");
            if (health.StatusCode == HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                break;
            }

            health.Dispose();
            await Task.Delay(250);
        }

        using (health)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
            Assert.Contains(body.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("camera: camera offline", StringComparison.Ordinal));
            Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("detector").GetProperty("status").GetString());
        }

        using var offlineSnapshot = await daemon.Http.GetAsync("api/snapshot.jpg");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offlineSnapshot.StatusCode);
        Assert.StartsWith("camera offline", await offlineSnapshot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_AreValidatedLikeMqttCommands_AndRefuseWhatABrowserOnAnotherSiteCouldSend()
    {
        await using var daemon = await DashboardDaemon.StartAsync("dashboard-commands", loop: true);

        using (var muted = await PostJsonAsync(daemon.Http, "api/commands", "{\"buzzer_muted\":\"ON\",\"min_confidence\":0.8}"))
        {
            Assert.Equal(HttpStatusCode.OK, muted.StatusCode);
            using var ack = JsonDocument.Parse(await muted.Content.ReadAsStringAsync());
            Assert.True(ack.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal("web", ack.RootElement.GetProperty("topic").GetString());
        }

        var status = await daemon.GetJsonAsync("api/status");
        var state = status.GetProperty("state");
        Assert.Equal("ON", state.GetProperty("buzzer_muted").GetString());
        Assert.Equal(0.8, state.GetProperty("effective_min_confidence").GetDouble());
        Assert.Equal("web", state.GetProperty("last_command").GetProperty("topic").GetString());

        using (var rejected = await PostJsonAsync(daemon.Http, "api/commands", "{\"min_distance_meters\": 99}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            Assert.Contains("min_distance_meters expects a number of metres in (0, 20]", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var notJson = await PostJsonAsync(daemon.Http, "api/commands", "{\"buzzer_muted\":"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        // A form post (what a page on another site can send without asking) and a request naming another origin.
        using (var form = await daemon.Http.PostAsync("api/commands", new StringContent("buzzer_muted=OFF", Encoding.UTF8, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "api/commands") { Content = Json("{\"buzzer_muted\":\"OFF\"}") })
        {
            crossSite.Headers.Add("Origin", "http://evil.example");
            using var refused = await daemon.Http.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Too large: 413, or the connection closed before the body was read; either way nothing applied, nothing broken.
        using (var once = new HttpClient { BaseAddress = daemon.Http.BaseAddress })
        {
            try
            {
                using var huge = await PostJsonAsync(once, "api/commands", "{\"buzzer_muted\":\"OFF\",\"x\":\"" + new string('a', 40_000) + "\"}");
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            }
            catch (HttpRequestException)
            {
            }
        }

        using (var badCalibration = await PostJsonAsync(daemon.Http, "api/calibrate", "{\"distance_meters\": -2}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badCalibration.StatusCode);
        }

        Assert.Equal("ON", (await daemon.GetJsonAsync("api/status")).GetProperty("state").GetProperty("buzzer_muted").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await daemon.Http.GetAsync("api/nothing-here")).StatusCode);
        Assert.False(daemon.Process.HasExited, daemon.Process.Output);
    }

    [Fact]
    public async Task Calibrate_FromTheDashboard_MeasuresTheFocalLengthFromTheRunningPipeline()
    {
        await using var daemon = await DashboardDaemon.StartAsync("dashboard-calibrate", loop: true);
        await daemon.WaitForJsonAsync("api/status", s => s.GetProperty("people").GetArrayLength() > 0, "a person in view");

        using var response = await PostJsonAsync(daemon.Http, "api/calibrate", "{\"distance_meters\": 2.0, \"seconds\": 2}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var result = JsonDocument.Parse(body);
        var width = result.RootElement.GetProperty("median_face_width_pixels").GetDouble();
        var focal = result.RootElement.GetProperty("focal_length_pixels").GetDouble();

        // f = w * D / W with the default face width of 0.15 m.
        Assert.InRange(width, 100, 220);
        Assert.Equal(width * 2.0 / 0.15, focal, 0);
        Assert.Equal("Scene:FocalLengthPixels", result.RootElement.GetProperty("config_key").GetString());
    }

    [Fact]
    public async Task Limits_OneStreamTooManyGets503_AndTooManyRequestsGet429_WithoutHarm()
    {
        var directory = EdgeMask.TestSupport.RepoPaths.NewTempDirectory("dashboard-limits");
        var port = EdgeMask.TestSupport.SystemTools.FreeTcpPort();
        var config = EdgeMaskDaemon.WriteConfig(directory, new System.Text.Json.Nodes.JsonObject
        {
            ["Capture"] = new System.Text.Json.Nodes.JsonObject { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" },
            ["Web"] = new System.Text.Json.Nodes.JsonObject { ["Enabled"] = true, ["Port"] = port, ["MaxStreams"] = 1, ["RequestsPerMinute"] = 10 },
        });
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await daemon.WaitForLineAsync("Dashboard at", DashboardDaemon.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var first = await http.GetAsync("api/stream.mjpg", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        }

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await http.GetAsync("api/incidents");
            codes.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.False(daemon.HasExited, daemon.Output);
    }

    [Fact]
    public async Task Stop_WithAStreamAndServerSentEventsOpen_EndsPromptly()
    {
        var directory = EdgeMask.TestSupport.RepoPaths.NewTempDirectory("dashboard-stop");
        var port = EdgeMask.TestSupport.SystemTools.FreeTcpPort();
        var config = EdgeMaskDaemon.WriteConfig(directory, new System.Text.Json.Nodes.JsonObject
        {
            ["Capture"] = new System.Text.Json.Nodes.JsonObject { ["Device"] = "/dev/video99", ["ReconnectMaxDelay"] = "00:00:02" },
            ["Web"] = new System.Text.Json.Nodes.JsonObject { ["Enabled"] = true, ["Port"] = port },
        });
        await using var daemon = EdgeMaskDaemon.Start("run", "--config", config);
        await daemon.WaitForLineAsync("Dashboard at", DashboardDaemon.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var stream = await http.GetAsync("api/stream.mjpg", HttpCompletionOption.ResponseHeadersRead);
        using var events = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);

        // A watcher must not hold the daemon up: before the fix this took the host's whole 30 s shutdown timeout.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        daemon.Signal(15);
        Assert.Equal(ExitCodes.Success, await daemon.WaitForExitAsync(DashboardDaemon.Timeout));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopping.Elapsed.TotalSeconds:0.0} s");
    }

    internal static async Task<List<byte[]>> ReadMjpegFramesAsync(HttpClient http, string path, int count)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var frames = new List<byte[]>();
        while (frames.Count < count)
        {
            var length = -1;
            string? line;
            // Parts are separated by a blank line before the next boundary.
            while ((line = await ReadLineAsync(stream)) is not null && (line.Length > 0 || length < 0))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            Assert.True(length > 0, "a part without Content-Length");
            var jpeg = new byte[length];
            await stream.ReadExactlyAsync(jpeg);
            frames.Add(jpeg);
        }

        return frames;
    }

    /// <summary>Pixels in the colours of the verdict boxes (red no mask, green mask, amber uncertain).</summary>
    internal static int BoxPixels(Mat image)
    {
        var total = 0;
        foreach (var (low, high) in new[] { (new Scalar(20, 20, 200), new Scalar(70, 70, 255)), (new Scalar(40, 170, 40), new Scalar(90, 230, 90)), (new Scalar(0, 160, 225), new Scalar(40, 220, 255)) })
        {
            using var mask = image.InRange(low, high);
            total += Cv2.CountNonZero(mask);
        }

        return total;
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }

        return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string body) => http.PostAsync(path, Json(body));

    private static async Task WaitForAsync(Func<bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + DashboardDaemon.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {description}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*=""[^""]*""(,[a-zA-Z_][a-zA-Z0-9_]*=""[^""]*"")*\})? -?[0-9.eE+\-]+$|^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (NaN|\+Inf|-Inf)$")]
    private static partial Regex PrometheusSample();
}
