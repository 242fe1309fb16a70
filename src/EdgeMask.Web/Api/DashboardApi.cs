using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeMask.Core.Control;
using EdgeMask.Core.Health;
using EdgeMask.Mqtt;
using EdgeMask.Mqtt.Local;
using EdgeMask.Web.Calibration;
using EdgeMask.Web.Incidents;
using EdgeMask.Web.Live;
using EdgeMask.Web.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Api;

/// <summary>The dashboard's HTTP API: status, live events, pictures, commands and calibration.</summary>
internal sealed class DashboardApi
{
    private const string Boundary = "edgemask-frame";
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FreshFrame = TimeSpan.FromSeconds(1);

    private readonly DeviceStatus _status;
    private readonly LocalCommands _commands;
    private readonly RuntimeControls _controls;
    private readonly PipelineHealth _health;
    private readonly LiveView _live;
    private readonly SceneView _scene;
    private readonly IncidentLog _incidents;
    private readonly SnapshotStore _snapshots;
    private readonly LiveCalibration _calibration;
    private readonly MqttOptions _mqtt;
    private readonly MqttTopics _topics;
    private readonly bool _authRequired;
    private readonly TimeProvider _time;

    public DashboardApi(
        DeviceStatus status,
        LocalCommands commands,
        RuntimeControls controls,
        PipelineHealth health,
        LiveView live,
        SceneView scene,
        IncidentLog incidents,
        SnapshotStore snapshots,
        LiveCalibration calibration,
        IOptions<MqttOptions> mqtt,
        MqttTopics topics,
        IOptions<WebOptions> web,
        TimeProvider time)
    {
        _status = status;
        _commands = commands;
        _controls = controls;
        _health = health;
        _live = live;
        _scene = scene;
        _incidents = incidents;
        _snapshots = snapshots;
        _calibration = calibration;
        _mqtt = mqtt.Value;
        _topics = topics;
        _authRequired = !string.IsNullOrEmpty(web.Value.Username);
        _time = time;
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", () => Results.Json(Status(), WebJsonContext.Default.DashboardStatus));
        app.MapGet("/api/incidents", () => Results.Json(_incidents.Recent(), WebJsonContext.Default.IReadOnlyListIncidentEntry));
        app.MapGet("/api/fleet", (HttpContext context) => Results.Json(Fleet(context.Request), WebJsonContext.Default.FleetSettings));
        app.MapGet("/api/events", StreamEventsAsync);
        app.MapGet("/api/stream.mjpg", StreamJpegAsync);
        app.MapGet("/api/snapshot.jpg", new Func<HttpContext, Task<IResult>>(SnapshotAsync));
        app.MapGet("/api/snapshots/{file}", IncidentSnapshot);
        app.MapPost("/api/commands", new Func<HttpContext, Task<IResult>>(CommandAsync));
        app.MapPost("/api/calibrate", new Func<HttpContext, Task<IResult>>(CalibrateAsync));
    }

    public DashboardStatus Status()
    {
        var state = _status.State();
        var people = _scene.People.Select(p => new PersonView(
            p.TrackId,
            SceneView.VerdictName(p.Verdict),
            Math.Round(p.VerdictConfidence, 3),
            p.Box.Width,
            p.PositionMeters is { } position ? Math.Round(Math.Sqrt((position.X * position.X) + (position.Y * position.Y) + (position.Z * position.Z)), 2) : null,
            p.InViolation)).ToArray();
        var stats = _status.Stats();
        return new DashboardStatus(state.DeviceId, stats.Version, _authRequired, state, _health.Snapshot().CameraDetail, stats, _status.Broker, people);
    }

    private FleetSettings Fleet(HttpRequest request)
    {
        var broker = _mqtt.EmbeddedBroker;
        string? url = null;
        if (broker.Enabled && broker.WebSocket.Enabled)
        {
            // The embedded broker listens on this machine: the browser reaches it by the name it reached the page by.
            var scheme = request.IsHttps ? "wss" : "ws";
            url = string.Create(CultureInfo.InvariantCulture, $"{scheme}://{request.Host.Host}:{broker.WebSocket.Port}{broker.WebSocket.Path}");
        }

        var root = _topics.Prefix.Contains('/', StringComparison.Ordinal) ? _topics.Prefix[.._topics.Prefix.LastIndexOf('/')] : _topics.Prefix;
        return new FleetSettings(url, root);
    }

    private async Task StreamEventsAsync(HttpContext context)
    {
        using var lease = _live.TryOpenStream();
        if (lease is null)
        {
            await TooManyStreamsAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var changed = new SemaphoreSlim(0, 1);
        void OnChanged(object? sender, EventArgs e)
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release();
                }
                catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
                {
                    // Already signalled, or this stream has just ended.
                }
            }
        }

        _controls.Changed += OnChanged;
        using var ending = EndOfStream(context);
        var cancellation = ending.Token;
        long sentIncidents = -1;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                await WriteEventAsync(context, "status", JsonSerializer.Serialize(Status(), WebJsonContext.Default.DashboardStatus), cancellation).ConfigureAwait(false);
                var version = _incidents.Version;
                if (version != sentIncidents)
                {
                    sentIncidents = version;
                    await WriteEventAsync(context, "incidents", JsonSerializer.Serialize(_incidents.Recent(), WebJsonContext.Default.IReadOnlyListIncidentEntry), cancellation).ConfigureAwait(false);
                }

                await changed.WaitAsync(StatusInterval, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The browser went away mid-write.
        }
        finally
        {
            _controls.Changed -= OnChanged;
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string name, string json, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamJpegAsync(HttpContext context)
    {
        using var lease = _live.TryOpenStream();
        if (lease is null)
        {
            await TooManyStreamsAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = context.Response.Body;
        var sent = 0L;
        using var ending = EndOfStream(context);
        var cancellation = ending.Token;
        try
        {
            // Headers go out at once: with the camera offline the first frame may be a long way off.
            await context.Response.StartAsync(cancellation).ConfigureAwait(false);
            await body.FlushAsync(cancellation).ConfigureAwait(false);
            while (!cancellation.IsCancellationRequested)
            {
                var frame = await _live.NextAsync(sent, cancellation).ConfigureAwait(false);
                sent = frame.Sequence;
                var header = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\n\r\n");
                await body.WriteAsync(header, cancellation).ConfigureAwait(false);
                await body.WriteAsync(frame.Jpeg, cancellation).ConfigureAwait(false);
                await body.WriteAsync("\r\n"u8.ToArray(), cancellation).ConfigureAwait(false);
                await body.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    private async Task<IResult> SnapshotAsync(HttpContext context)
    {
        var health = _health.Snapshot();
        if (health.Camera != CameraState.Online)
        {
            return Results.Text($"camera {health.Camera.Name()}: {health.CameraDetail}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (_live.Latest is { } latest && _time.GetUtcNow() - latest.At < FreshFrame)
        {
            return Jpeg(latest.Jpeg);
        }

        _live.RequestFrames();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(SnapshotWait);
        try
        {
            var frame = await _live.NextAsync(_live.Latest?.Sequence ?? 0, timeout.Token).ConfigureAwait(false);
            return Jpeg(frame.Jpeg);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Results.Text($"no frame processed within {SnapshotWait.TotalSeconds:0} s (detection paused?)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private IResult IncidentSnapshot(string file)
    {
        var id = file.EndsWith(".jpg", StringComparison.Ordinal) ? file[..^4] : file;
        if (!SnapshotIds.IsValid(id))
        {
            return Results.Text("a snapshot id is 32 hex digits, as in an event's \"snapshot\" field", statusCode: StatusCodes.Status400BadRequest);
        }

        return _snapshots.PathOf(id) is { } path
            ? Results.File(path, "image/jpeg")
            : Results.Text("no such snapshot (never stored, or dropped by retention)", statusCode: StatusCodes.Status404NotFound);
    }

    private async Task<IResult> CommandAsync(HttpContext context)
    {
        var body = await RequestBody.ReadJsonTextAsync(context).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var ack = _commands.Apply("web", body.Text!);
        return Results.Json(ack, WebJsonContext.Default.CommandAck, statusCode: ack.Ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private async Task<IResult> CalibrateAsync(HttpContext context)
    {
        var body = await RequestBody.ReadJsonTextAsync(context).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        CalibrationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body.Text!, WebJsonContext.Default.CalibrationRequest);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"body must be {{\"distance_meters\": 2.0, \"seconds\": 5}}: {ex.Message}");
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "body must be {\"distance_meters\": 2.0, \"seconds\": 5}");
        }

        try
        {
            using var ending = EndOfStream(context);
            var result = await _calibration.RunAsync(request.DistanceMeters, TimeSpan.FromSeconds(request.Seconds), ending.Token).ConfigureAwait(false);
            var value = Math.Round(result.FocalLengthPixels, 1).ToString(CultureInfo.InvariantCulture);
            return Results.Json(
                new CalibrationResponse(
                    Math.Round(result.FocalLengthPixels, 1),
                    Math.Round(result.SpreadPixels, 1),
                    result.SampleCount,
                    Math.Round(result.MedianFaceWidthPixels, 1),
                    "Scene:FocalLengthPixels",
                    $"Set \"Scene\": {{ \"FocalLengthPixels\": {value} }} in /etc/edgemask/appsettings.json (or run 'edgemask calibrate'); the daemon reads it within seconds."),
                WebJsonContext.Default.CalibrationResponse);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (CalibrationRefusedException ex)
        {
            return Error(StatusCodes.Status409Conflict, ex.Message);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "the daemon is stopping");
        }
    }

    private static IResult Jpeg(byte[] jpeg) => Results.Bytes(jpeg, "image/jpeg");

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), WebJsonContext.Default.ErrorResponse, statusCode: status);

    /// <summary>Ends a long-lived response when the browser leaves or the daemon stops (else a watcher would hold up shutdown).</summary>
    private static CancellationTokenSource EndOfStream(HttpContext context) => CancellationTokenSource.CreateLinkedTokenSource(
        context.RequestAborted,
        context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

    private static Task TooManyStreamsAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "10";
        return context.Response.WriteAsync("too many live streams open (Web:MaxStreams)");
    }
}
