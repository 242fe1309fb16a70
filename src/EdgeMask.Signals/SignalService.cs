using Microsoft.Extensions.Hosting;

namespace EdgeMask.Signals;

/// <summary>
/// Runs the <see cref="SignalController"/> pattern engine for the host's lifetime, and switches the outputs off on the
/// crash paths that can be handled: an unhandled exception and process exit (a normal stop goes through StopAsync).
/// </summary>
internal sealed class SignalService : IHostedService
{
    private readonly SignalController _controller;

    public SignalService(SignalController controller)
    {
        _controller = controller;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _controller.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _controller.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) => _controller.SetSafeState();

    private void OnProcessExit(object? sender, EventArgs e) => _controller.SetSafeState();
}
