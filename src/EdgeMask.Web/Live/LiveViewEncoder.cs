using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Live;

/// <summary>Draws and encodes the live view's frames on its own task, never on the frame loop.</summary>
internal sealed class LiveViewEncoder : BackgroundService
{
    private readonly LiveView _view;
    private readonly FrameRenderer _renderer;
    private readonly ILogger<LiveViewEncoder> _logger;

    public LiveViewEncoder(LiveView view, IOptions<WebOptions> web, IOptions<SnapshotOptions> snapshots, ILogger<LiveViewEncoder> logger)
    {
        _view = view;
        _renderer = new FrameRenderer(web.Value.JpegQuality, snapshots.Value.BlurFaces);
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var frame in _view.Pending.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    try
                    {
                        var jpeg = _renderer.Render(frame.Image, frame.Analysis, frame.Update);
                        _view.Publish(new EncodedFrame(frame.Update.FrameSequence, frame.Update.Timestamp, jpeg));
                    }
                    catch (Exception ex) when (ex is OpenCvSharp.OpenCVException or ArgumentException)
                    {
                        _logger.LogWarning(ex, "Live view: frame {Sequence} could not be encoded", frame.Update.FrameSequence);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
