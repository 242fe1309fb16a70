using System.Threading.Channels;
using EdgeMask.Analysis;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace EdgeMask.Web.Live;

/// <summary>
/// The live view's side of the frame loop. While nobody watches it costs one comparison per frame. While someone does,
/// it copies at most <see cref="WebOptions.StreamMaxFps"/> frames a second into a one-slot queue (a newer frame
/// replaces one not yet encoded) and returns; <see cref="LiveViewEncoder"/> draws and encodes them on its own task.
/// </summary>
internal sealed class LiveView : IFrameObserver, IDisposable
{
    /// <summary>A single snapshot request keeps frames coming this long, so it gets a fresh one.</summary>
    private static readonly TimeSpan SnapshotDemand = TimeSpan.FromSeconds(3);

    private readonly Channel<CapturedFrame> _pending;
    private readonly TimeProvider _time;
    private readonly long _minIntervalTicks;
    private readonly int _maxStreams;
    private int _streams;
    private long _demandUntilTicks;
    private long _lastCopiedTicks;
    private EncodedFrame? _latest;
    private TaskCompletionSource<EncodedFrame> _next = NewWaiter();

    public LiveView(IOptions<WebOptions> options, TimeProvider time)
    {
        _time = time;
        _minIntervalTicks = TimeSpan.FromSeconds(1.0 / options.Value.StreamMaxFps).Ticks;
        _maxStreams = options.Value.MaxStreams;
        _pending = Channel.CreateBounded<CapturedFrame>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped => dropped.Dispose());
    }

    public ChannelReader<CapturedFrame> Pending => _pending.Reader;

    public int Streams => Volatile.Read(ref _streams);

    public long FramesEncoded { get; private set; }

    /// <summary>The newest encoded frame, or null before the first.</summary>
    public EncodedFrame? Latest => Volatile.Read(ref _latest);

    /// <summary>Registers a viewer; null when <see cref="WebOptions.MaxStreams"/> are already open. Dispose to leave.</summary>
    public IDisposable? TryOpenStream()
    {
        if (Interlocked.Increment(ref _streams) > _maxStreams)
        {
            Interlocked.Decrement(ref _streams);
            return null;
        }

        return new StreamLease(this);
    }

    /// <summary>Asks for frames for a short while without holding a stream (a single snapshot request).</summary>
    public void RequestFrames() => Interlocked.Exchange(ref _demandUntilTicks, (_time.GetUtcNow() + SnapshotDemand).UtcTicks);

    public void OnFrameProcessed(Mat image, FrameAnalysis analysis, SceneUpdate update)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if ((Volatile.Read(ref _streams) == 0 && now > Interlocked.Read(ref _demandUntilTicks)) || now - _lastCopiedTicks < _minIntervalTicks)
        {
            return;
        }

        _lastCopiedTicks = now;
        var copy = image.Clone();
        if (!_pending.Writer.TryWrite(new CapturedFrame(copy, analysis, update)))
        {
            copy.Dispose();
        }
    }

    public void OnCompleted() => _pending.Writer.TryComplete();

    /// <summary>Called by the encoder with each new frame; wakes every waiting viewer.</summary>
    public void Publish(EncodedFrame frame)
    {
        Volatile.Write(ref _latest, frame);
        FramesEncoded++;
        Interlocked.Exchange(ref _next, NewWaiter()).TrySetResult(frame);
    }

    /// <summary>The first frame newer than <paramref name="afterSequence"/>.</summary>
    public async Task<EncodedFrame> NextAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiter = Volatile.Read(ref _next).Task;
            if (Latest is { } latest && latest.Sequence > afterSequence)
            {
                return latest;
            }

            await waiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        while (_pending.Reader.TryRead(out var frame))
        {
            frame.Dispose();
        }
    }

    private static TaskCompletionSource<EncodedFrame> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class StreamLease(LiveView view) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref view._streams);
            }
        }
    }
}
