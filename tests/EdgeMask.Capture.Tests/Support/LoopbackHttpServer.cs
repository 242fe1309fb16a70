using System.Net;
using EdgeMask.TestSupport;

namespace EdgeMask.Capture.Tests.Support;

/// <summary>Serves one file over HTTP on 127.0.0.1 (like an IP camera's HTTP stream) until disposed.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _serving;

    public LoopbackHttpServer(string file)
    {
        _content = File.ReadAllBytes(file);
        var port = SystemTools.FreeTcpPort();
        Url = $"http://127.0.0.1:{port}/{Path.GetFileName(file)}";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    public int Requests { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Requests++;
            try
            {
                context.Response.ContentType = "video/x-msvideo";
                context.Response.ContentLength64 = _content.Length;
                await context.Response.OutputStream.WriteAsync(_content);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // The client went away early; serve the next one.
            }
        }
    }
}
