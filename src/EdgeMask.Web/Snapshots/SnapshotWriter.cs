using EdgeMask.Core.Scene;
using EdgeMask.Mqtt;
using EdgeMask.Mqtt.Local;
using EdgeMask.Web.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Snapshots;

/// <summary>Draws, encodes and stores each queued incident frame (one file per incident starting on it), and offers it to MQTT.</summary>
internal sealed class SnapshotWriter : BackgroundService
{
    private readonly SnapshotRecorder _recorder;
    private readonly SnapshotStore _store;
    private readonly SnapshotOutlet _outlet;
    private readonly FrameRenderer _renderer;
    private readonly ILogger<SnapshotWriter> _logger;

    public SnapshotWriter(SnapshotRecorder recorder, SnapshotStore store, SnapshotOutlet outlet, IOptions<WebOptions> web, IOptions<SnapshotOptions> options, ILogger<SnapshotWriter> logger)
    {
        _recorder = recorder;
        _store = store;
        _outlet = outlet;
        _renderer = new FrameRenderer(web.Value.JpegQuality, options.Value.BlurFaces);
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var frame in _recorder.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    Write(frame);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the frame loop has stopped first; what it queued is written, the events already name it.
            while (_recorder.Queue.TryRead(out var frame))
            {
                using (frame)
                {
                    Write(frame);
                }
            }
        }
    }

    private void Write(CapturedFrame frame)
    {
        byte[] jpeg;
        try
        {
            jpeg = _renderer.Render(frame.Image, frame.Analysis, frame.Update);
        }
        catch (Exception ex) when (ex is OpenCvSharp.OpenCVException or ArgumentException)
        {
            _logger.LogWarning(ex, "Snapshot of frame {Sequence} could not be encoded", frame.Update.FrameSequence);
            return;
        }

        foreach (var started in frame.Update.Events.Where(e => e.Phase == IncidentPhase.Start))
        {
            _store.TrySave(SnapshotIds.Of(started.IncidentId), jpeg);
        }

        _outlet.Offer(jpeg);
    }
}
