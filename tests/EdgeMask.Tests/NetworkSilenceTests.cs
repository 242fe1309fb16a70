using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeMask.TestSupport;
using EdgeMask.TestSupport.Mqtt;

namespace EdgeMask.Tests;

/// <summary>
/// The running daemon talks to its broker and to nothing else: no DNS lookup, no telemetry. Every connect() and
/// sendto() of the built program is recorded with strace while it captures, classifies and publishes.
/// </summary>
public partial class NetworkSilenceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ConnectsToItsBrokerOnly_NoDnsNoTelemetry()
    {
        var strace = SystemTools.Require("strace");
        await using var broker = await MosquittoBroker.StartAsync();
        var dir = RepoPaths.NewTempDirectory("silence");
        var clip = SceneClips.WriteDoorClip(dir, frames: 30, withMaskedFace: false);
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject { ["Source"] = "File", ["Path"] = clip, ["Loop"] = true },
            ["Mqtt"] = new JsonObject
            {
                ["Enabled"] = true,
                ["Host"] = MosquittoBroker.Host,
                ["Port"] = broker.Port,
                ["DeviceId"] = "silent",
                ["Outbox"] = new JsonObject { ["Directory"] = Path.Combine(dir, "outbox") },
            },
        });
        var trace = Path.Combine(dir, "network.strace");

        // timeout (traced too) stops the daemon with SIGTERM after 15 s; strace ends when it has exited.
        var result = await CommandResult.RunAsync(
            strace,
            ["-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace, "timeout", "-s", "TERM", "15", "dotnet", EdgeMaskDaemon.Dll, "run", "--config", config],
            Timeout,
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

        // 124: timeout had to stop it, as intended.
        Assert.True(result.ExitCode == 124, $"exit {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Contains("MQTT connected", result.StandardOutput, StringComparison.Ordinal);
        var calls = File.ReadAllLines(trace).Where(l => l.Contains("AF_INET", StringComparison.Ordinal)).ToList();
        var brokerCalls = calls.Where(l => l.Contains($"htons({broker.Port.ToString(CultureInfo.InvariantCulture)})", StringComparison.Ordinal) && l.Contains("127.0.0.1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(brokerCalls);
        Assert.Empty(calls.Except(brokerCalls));
        Assert.DoesNotContain(File.ReadAllLines(trace), l => DnsPort().IsMatch(l));
    }

    [GeneratedRegex(@"htons\(53\)")]
    private static partial Regex DnsPort();
}
