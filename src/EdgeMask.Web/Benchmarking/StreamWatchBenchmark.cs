using System.Diagnostics;
using EdgeMask.Analysis;
using EdgeMask.Core.Scene;
using EdgeMask.Web.Hosting;
using EdgeMask.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Web.Benchmarking;

/// <summary>The frame path's speed with nobody watching and with one client reading the live MJPEG stream.</summary>
/// <param name="FramesStreamed">Frames the watching client received while the watched rounds ran.</param>
public sealed record StreamWatchResult(double AloneFps, double WatchedFps, long FramesStreamed, int Rounds)
{
    public double Ratio => WatchedFps / AloneFps;
}

/// <summary>
/// Runs the frame path (analysis, scene, the live view's observer) over decoded frames, alternating rounds without and
/// with a real HTTP client on /api/stream.mjpg of the real dashboard, so that machine noise hits both alike.
/// </summary>
public static class StreamWatchBenchmark
{
    /// <param name="services">Built with Web:Enabled true on a free Web:Port.</param>
    public static async Task<StreamWatchResult> RunAsync(IServiceProvider services, IReadOnlyList<Mat> frames, int rounds, CancellationToken cancellationToken)
    {
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        var scene = services.GetRequiredService<ISceneAnalyzer>();
        var view = services.GetRequiredService<LiveView>();
        var hosted = services.GetServices<IHostedService>().Where(s => s is LiveViewEncoder or WebDashboardService).ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var sequence = 0L;
        double Pass()
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var frame in frames)
            {
                var analyzed = analyzer.Analyze(frame, ++sequence, DateTimeOffset.UnixEpoch.AddMilliseconds(sequence * 33));
                var update = scene.Analyze(analyzed.Analysis);
                view.OnFrameProcessed(frame, analyzed.Analysis, update);
            }

            return frames.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        try
        {
            Pass();
            var alone = new List<double>();
            var watched = new List<double>();
            long streamed = 0;
            var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
            using var http = new HttpClient { BaseAddress = new Uri($"http://{web.BindAddress}:{web.Port}/") };
            for (var round = 0; round < rounds; round++)
            {
                alone.Add(Pass());
                using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var reader = CountStreamedFramesAsync(http, watching.Token);
                await WaitForAsync(() => view.Streams > 0, cancellationToken).ConfigureAwait(false);
                watched.Add(Pass());
                await watching.CancelAsync().ConfigureAwait(false);
                streamed += await reader.ConfigureAwait(false);
                await WaitForAsync(() => view.Streams == 0, cancellationToken).ConfigureAwait(false);
            }

            return new StreamWatchResult(Median(alone), Median(watched), streamed, rounds);
        }
        finally
        {
            foreach (var service in hosted.Reverse())
            {
                await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> CountStreamedFramesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        long parts = 0;
        try
        {
            using var response = await http.GetAsync("api/stream.mjpg", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[64 * 1024];
            var marker = "Content-Type: image/jpeg"u8.ToArray();
            var matched = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    matched = buffer[i] == marker[matched] ? matched + 1 : (buffer[i] == marker[0] ? 1 : 0);
                    if (matched == marker.Length)
                    {
                        parts++;
                        matched = 0;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
        }

        return parts;
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 10);
        while (!condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
