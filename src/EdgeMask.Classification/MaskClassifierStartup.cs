using Microsoft.Extensions.Hosting;

namespace EdgeMask.Classification;

/// <summary>Creates the classifier when the host starts, so model problems stop the daemon before the first frame.</summary>
internal sealed class MaskClassifierStartup(IMaskClassifier classifier) : IHostedService
{
    // Holding the reference is the point: resolving it loaded and checked the model.
    private readonly IMaskClassifier _classifier = classifier;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(_classifier);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
