using Microsoft.Extensions.Hosting;

namespace EdgeMask.Detection;

/// <summary>Creates the detector when the host starts, so cascade problems surface at start-up rather than on the first frame.</summary>
internal sealed class FaceDetectorStartup(IFaceDetector detector) : IHostedService
{
    // Holding the reference is the point: resolving it loaded the cascade.
    private readonly IFaceDetector _detector = detector;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(_detector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
