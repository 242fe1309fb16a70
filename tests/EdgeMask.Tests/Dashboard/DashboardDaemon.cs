using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests.Dashboard;

/// <summary>
/// A real daemon serving its dashboard on a free port, watching a door clip through an ffmpeg pipe (so that deleting
/// the clip takes the camera away: the next restart of the pipe finds nothing to play).
/// </summary>
internal sealed class DashboardDaemon : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private DashboardDaemon(ProcessRunner process, int port, string directory, string clip)
    {
        Process = process;
        WebPort = port;
        Folder = directory;
        Clip = clip;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public ProcessRunner Process { get; }

    public int WebPort { get; }

    public string Folder { get; }

    public string Clip { get; }

    public string SnapshotFolder => Path.Combine(Folder, "snapshots");

    public HttpClient Http { get; }

    public string Url => $"http://127.0.0.1:{WebPort}/";

    /// <param name="loop">Play the clip in a loop (a steady camera); otherwise the pipe ends after 6 s and restarts.</param>
    public static async Task<DashboardDaemon> StartAsync(string name, JsonObject? extra = null, string deviceId = "door-1", bool loop = false)
    {
        var ffmpeg = SystemTools.Require("ffmpeg");
        var directory = RepoPaths.NewTempDirectory(name);
        var clip = SceneClips.WriteDoorClip(directory, frames: 60, withMaskedFace: true);
        var port = SystemTools.FreeTcpPort();
        var settings = new JsonObject
        {
            ["Capture"] = new JsonObject
            {
                ["Source"] = "Pipe",
                ["Command"] = $"{ffmpeg} -hide_banner -loglevel error -re {(loop ? "-stream_loop -1 " : string.Empty)}-i {clip} -f rawvideo -pix_fmt bgr24 -",
                ["PipeFrameWidth"] = 640,
                ["PipeFrameHeight"] = 480,
                ["FrameTimeout"] = "00:00:02",
                ["ReconnectInitialDelay"] = "00:00:00.2",
                ["ReconnectMaxDelay"] = "00:00:00.5",
            },
            ["Mqtt"] = new JsonObject { ["DeviceId"] = deviceId, ["Outbox"] = new JsonObject { ["Directory"] = Path.Combine(directory, "outbox") } },
            ["Web"] = new JsonObject { ["Enabled"] = true, ["Port"] = port },
            ["Snapshots"] = new JsonObject { ["Enabled"] = true, ["Directory"] = Path.Combine(directory, "snapshots") },
        };
        if (extra is not null)
        {
            EdgeMaskDaemon.Merge(settings, extra);
        }

        var config = EdgeMaskDaemon.WriteConfig(directory, settings);
        var process = EdgeMaskDaemon.Start("run", "--config", config);
        var daemon = new DashboardDaemon(process, port, directory, clip);
        await process.WaitForLineAsync("Dashboard at", Timeout);
        return daemon;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="accept"/> holds, and returns that answer.</summary>
    public async Task<JsonElement> WaitForJsonAsync(string path, Func<JsonElement, bool> accept, string description)
    {
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(Process.HasExited, Process.Output);
            last = await GetJsonAsync(path);
            if (accept(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{description}: last {path} was {last}\n{Process.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
