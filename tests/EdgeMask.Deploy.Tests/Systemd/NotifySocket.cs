using System.Net.Sockets;
using System.Text;
using EdgeMask.TestSupport;

namespace EdgeMask.Deploy.Tests.Systemd;

/// <summary>
/// Plays systemd's side of sd_notify(3): a real Unix datagram socket that NOTIFY_SOCKET points at, and that
/// receives each notification the daemon sends.
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string _directory = RepoPaths.NewTempDirectory("notify");

    public NotifySocket()
    {
        Path = System.IO.Path.Combine(_directory, "notify.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    /// <summary>The next datagram as text; fails the test when none arrives in time.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null) =>
        await TryReceiveAsync(timeout ?? TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("No sd_notify datagram arrived in time.");

    /// <returns>The next datagram, or null when none arrives within <paramref name="timeout"/>.</returns>
    public async Task<string?> TryReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
