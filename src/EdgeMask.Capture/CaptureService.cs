using EdgeMask.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Capture;

/// <summary>
/// Keeps one frame source running and feeds the <see cref="FrameChannel"/>. A source that cannot be opened,
/// fails, or delivers no frame for <see cref="CaptureOptions.FrameTimeout"/> (the watchdog) is closed, reported
/// offline and reopened with exponential backoff; the daemon never stops for a lost camera. Only the end of a
/// file that is not looped ends capture, and then the channel completes so processing ends too.
/// </summary>
internal sealed class CaptureService : BackgroundService
{
    private readonly IFrameSourceFactory _factory;
    private readonly FrameChannel _channel;
    private readonly PipelineHealth _health;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CaptureService> _logger;
    private readonly ReconnectBackoff _backoff;
    private long _sequence;

    public CaptureService(
        IFrameSourceFactory factory,
        FrameChannel channel,
        PipelineHealth health,
        IOptions<CaptureOptions> options,
        TimeProvider time,
        ILogger<CaptureService> logger)
    {
        _factory = factory;
        _channel = channel;
        _health = health;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One Mat being filled, one being processed, and the ones waiting in the channel.
        using var pool = new MatPool(_channel.Capacity + 2);
        var failedAttempts = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var session = await RunSessionAsync(pool, failedAttempts, stoppingToken).ConfigureAwait(false);
                if (session.EndOfStream)
                {
                    _logger.LogInformation("Capture reached the end of {Source} after {Frames} frames", session.Source, session.Frames);
                    return;
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                failedAttempts = session.Frames > 0 ? 1 : failedAttempts + 1;
                var delay = _backoff.DelayFor(failedAttempts);
                _health.CameraOffline(session.FailureReason!);
                _health.CameraReconnecting();
                _logger.LogWarning(
                    "Capture offline: {Reason}; reopening in {Delay:0.0} s (attempt {Attempt})",
                    session.FailureReason,
                    delay.TotalSeconds,
                    failedAttempts);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _channel.Complete();
        }
    }

    /// <summary>Opens a fresh source and pumps frames until it ends, fails, stalls or the service stops.</summary>
    private async Task<SessionOutcome> RunSessionAsync(MatPool pool, int failedAttempts, CancellationToken stoppingToken)
    {
        IFrameSource source;
        try
        {
            source = _factory.Create();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SessionOutcome.Failed("capture source", 0, ex.Message);
        }

        // One deadline per session: armed before each open/read, disarmed while a frame is handed over
        // (a replay may wait on a slow consumer far longer than the timeout).
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        await using var stopping = stoppingToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), deadline).ConfigureAwait(false);
        Mat? filling = null;
        long frames = 0;
        try
        {
            deadline.CancelAfter(_options.FrameTimeout);
            await source.OpenAsync(deadline.Token).ConfigureAwait(false);
            var openedAt = _time.GetUtcNow();
            while (true)
            {
                filling = pool.Rent();
                deadline.CancelAfter(_options.FrameTimeout);
                var delivered = await source.ReadAsync(filling, deadline.Token).ConfigureAwait(false);
                deadline.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!delivered)
                {
                    return _options.IsFinite
                        ? SessionOutcome.Ended(source.Description, frames)
                        : SessionOutcome.Failed(source.Description, frames, $"{source.Description} ended its stream");
                }

                if (frames++ == 0)
                {
                    _health.CameraOnline(source.Description);
                    if (failedAttempts == 0)
                    {
                        _logger.LogInformation("Capture online: {Source}", source.Description);
                    }
                    else
                    {
                        _logger.LogInformation("Capture online again: {Source} (after {Attempts} reopen attempts)", source.Description, failedAttempts);
                    }
                }

                var timestamp = source.LastFramePosition is { } position ? openedAt + position : _time.GetUtcNow();
                var frame = new Frame(filling, Interlocked.Increment(ref _sequence), timestamp, pool.Return);
                filling = null;
                _health.FrameCaptured();
                await _channel.WriteAsync(frame, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return SessionOutcome.Failed(
                source.Description,
                frames,
                $"no frame from {source.Description} for {_options.FrameTimeout.TotalSeconds:0.#} s (Capture:FrameTimeout)");
        }
        catch (OperationCanceledException)
        {
            return SessionOutcome.Failed(source.Description, frames, "capture stopped");
        }
        catch (FrameSourceException ex)
        {
            return SessionOutcome.Failed(source.Description, frames, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Capture from {Source} failed", source.Description);
            return SessionOutcome.Failed(source.Description, frames, $"{source.Description} failed: {ex.Message}");
        }
        finally
        {
            // Closing first: a cancelled camera read may still be writing into the Mat until the source is closed.
            await CloseQuietlyAsync(source).ConfigureAwait(false);
            if (filling is not null)
            {
                pool.Return(filling);
            }
        }
    }

    private async Task CloseQuietlyAsync(IFrameSource source)
    {
        try
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Closing {Source} failed", source.Description);
        }
    }

    private readonly record struct SessionOutcome(string Source, long Frames, bool EndOfStream, string? FailureReason)
    {
        public static SessionOutcome Ended(string source, long frames) => new(source, frames, true, null);

        public static SessionOutcome Failed(string source, long frames, string reason) => new(source, frames, false, reason);
    }
}
