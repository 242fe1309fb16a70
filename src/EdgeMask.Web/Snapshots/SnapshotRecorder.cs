using System.Threading.Channels;
using EdgeMask.Analysis;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using EdgeMask.Web.Live;
using OpenCvSharp;

namespace EdgeMask.Web.Snapshots;

/// <summary>
/// Copies the frame on which an incident starts and queues it for <see cref="SnapshotWriter"/>; the frame loop only
/// pays for the copy. If the disk is so slow that the queue fills, the snapshot is dropped and counted.
/// </summary>
internal sealed class SnapshotRecorder : IFrameObserver, IDisposable
{
    private const int QueueCapacity = 8;

    private readonly Channel<CapturedFrame> _queue = Channel.CreateBounded<CapturedFrame>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    private long _dropped;

    public ChannelReader<CapturedFrame> Queue => _queue.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void OnFrameProcessed(Mat image, FrameAnalysis analysis, SceneUpdate update)
    {
        if (!update.Events.Any(e => e.Phase == IncidentPhase.Start))
        {
            return;
        }

        var copy = image.Clone();
        if (!_queue.Writer.TryWrite(new CapturedFrame(copy, analysis, update)))
        {
            copy.Dispose();
            Interlocked.Increment(ref _dropped);
        }
    }

    public void OnCompleted() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        while (_queue.Reader.TryRead(out var frame))
        {
            frame.Dispose();
        }
    }
}
