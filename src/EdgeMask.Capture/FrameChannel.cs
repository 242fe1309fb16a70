using System.Threading.Channels;
using EdgeMask.Core.Health;

namespace EdgeMask.Capture;

/// <summary>
/// The bounded hand-over between capture and processing. It never holds more than its capacity: in
/// <see cref="FrameChannelMode.DropOldest"/> the newest frame wins and each dropped frame is disposed (its
/// Mat goes back to the pool) and counted in <see cref="PipelineHealth.FramesDropped"/>; in
/// <see cref="FrameChannelMode.Wait"/> the writer waits for room. The reader disposes every frame it takes.
/// </summary>
public sealed class FrameChannel
{
    private readonly Channel<Frame> _channel;
    private long _dropped;

    public FrameChannel(int capacity, FrameChannelMode mode, PipelineHealth health)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(health);
        Capacity = capacity;
        Mode = mode;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = mode == FrameChannelMode.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleWriter = true,
            SingleReader = false,
        };
        _channel = Channel.CreateBounded<Frame>(options, dropped =>
        {
            dropped.Dispose();
            Interlocked.Increment(ref _dropped);
            health.FramesDropped();
        });
    }

    public int Capacity { get; }

    public FrameChannelMode Mode { get; }

    /// <summary>The processing side: read frames, dispose each one. Completes when capture ends (end of a file, or shutdown).</summary>
    public ChannelReader<Frame> Reader => _channel.Reader;

    /// <summary>Frames waiting now; never more than <see cref="Capacity"/>.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Frames dropped because a newer one arrived before processing took them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Hands a frame to processing (waiting for room in <see cref="FrameChannelMode.Wait"/>). Ownership passes to the
    /// channel: when the channel is already complete or the wait is cancelled, the frame is disposed here.
    /// </summary>
    /// <returns>False when the channel was complete and the frame was discarded.</returns>
    public async ValueTask<bool> WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        try
        {
            if (_channel.Writer.TryWrite(frame))
            {
                return true;
            }

            while (await _channel.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_channel.Writer.TryWrite(frame))
                {
                    return true;
                }
            }

            frame.Dispose();
            return false;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    /// <summary>No more frames will come; the reader ends after the ones waiting. Idempotent.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);
}
