using System.Threading.Channels;
using EdgeMask.Analysis;
using EdgeMask.Capture;
using EdgeMask.Core.Control;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Pipeline;

/// <summary>
/// The frame path: takes the newest captured frame, analyses it (faces found and classified, see
/// <see cref="IFrameAnalyzer"/>), runs scene logic and hands the result to every sink. Runs on its own long-running task; sinks must not block it.
/// </summary>
public sealed class FrameLoop : BackgroundService
{
    // How long the loop waits for a frame before it reports that it is alive anyway (camera offline).
    private static readonly TimeSpan IdleProgressInterval = TimeSpan.FromSeconds(1);

    private readonly ChannelReader<Frame> _frames;
    private readonly IFrameAnalyzer _analyzer;
    private readonly ISceneAnalyzer _scene;
    private readonly ISceneSink[] _sinks;
    private readonly IFrameObserver[] _observers;
    private readonly PipelineHealth _health;
    private readonly RuntimeControls _controls;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<FrameLoop> _logger;
    private long _failedFrames;

    public FrameLoop(
        FrameChannel frames,
        IFrameAnalyzer analyzer,
        ISceneAnalyzer scene,
        IEnumerable<ISceneSink> sinks,
        IEnumerable<IFrameObserver> observers,
        PipelineHealth health,
        RuntimeControls controls,
        IHostApplicationLifetime lifetime,
        ILogger<FrameLoop> logger)
    {
        _frames = frames.Reader;
        _analyzer = analyzer;
        _scene = scene;
        _sinks = sinks.ToArray();
        _observers = observers.ToArray();
        _health = health;
        _controls = controls;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Frame loop started: {Sinks} sink(s), {Observers} observer(s)", _sinks.Length, _observers.Length);
        try
        {
            while (await WaitForFrameAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_frames.TryRead(out var frame))
                {
                    using (frame)
                    {
                        await ProcessSafelyAsync(frame, stoppingToken).ConfigureAwait(false);
                    }
                }
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogInformation("Frame source ended after {Frames} processed frames; stopping", _health.FramesProcessed);
                _lifetime.StopApplication();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Open incidents end with the stream, so every start has its end in the events.
            await PublishAsync(_scene.Close(), CancellationToken.None).ConfigureAwait(false);
            foreach (var observer in _observers)
            {
                observer.OnCompleted();
            }
        }
    }

    private async ValueTask ProcessSafelyAsync(Frame frame, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad frame (or a transient inference error) must not stop the sentinel.
            _failedFrames++;
            if (_failedFrames == 1 || _failedFrames % 100 == 0)
            {
                _logger.LogError(ex, "Frame {Sequence} could not be processed ({Failed} failed so far); continuing", frame.Sequence, _failedFrames);
            }

            _health.ReportProgress();
        }
    }

    /// <returns>False when the source has completed and every frame was read.</returns>
    private async ValueTask<bool> WaitForFrameAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            idle.CancelAfter(IdleProgressInterval);
            try
            {
                return await _frames.WaitToReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                _health.ReportProgress();
            }
        }
    }

    private async ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (_controls.DetectionPaused)
        {
            _health.ReportProgress();
            return;
        }

        var image = frame.Image;
        if (image.Empty() || image.Channels() != 3)
        {
            _logger.LogWarning("Skipping frame {Sequence}: expected a 3-channel BGR image, got {Channels} channel(s), {Width}x{Height}", frame.Sequence, image.Channels(), image.Width, image.Height);
            _health.ReportProgress();
            return;
        }

        var analyzed = _analyzer.Analyze(image, frame.Sequence, frame.Timestamp);
        var analysis = analyzed.Analysis;
        var update = _scene.Analyze(analysis);

        await PublishAsync(update, cancellationToken).ConfigureAwait(false);

        foreach (var observer in _observers)
        {
            observer.OnFrameProcessed(image, analysis, update);
        }

        _health.FrameProcessed(analyzed.DetectionTime, analyzed.ClassificationTime, analysis.Faces.Count);
    }

    private async ValueTask PublishAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.OnSceneUpdateAsync(update, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Output {Sink} failed on frame {Sequence}; continuing", sink.GetType().Name, update.FrameSequence);
            }
        }
    }
}
