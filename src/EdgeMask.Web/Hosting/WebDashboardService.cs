using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using EdgeMask.Core.Health;
using EdgeMask.Web.Api;
using EdgeMask.Web.Health;
using EdgeMask.Web.Metrics;
using EdgeMask.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace EdgeMask.Web.Hosting;

/// <summary>
/// Serves the dashboard from a Kestrel host inside the daemon. A port that cannot be opened (in use, not allowed) is
/// logged as an error and reported in the health components; the sentinel keeps watching without its page.
/// </summary>
internal sealed class WebDashboardService : IHostedService, IAsyncDisposable
{
    public const string HealthComponent = "web";

    private readonly WebOptions _options;
    private readonly DashboardApi _api;
    private readonly SentinelMetrics _metrics;
    private readonly IServiceProvider _services;
    private readonly PipelineHealth _health;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<WebDashboardService> _logger;
    private readonly TimeProvider _time;
    private WebApplication? _app;

    public WebDashboardService(IOptions<WebOptions> options, DashboardApi api, SentinelMetrics metrics, IServiceProvider services, PipelineHealth health, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options.Value;
        _api = api;
        _metrics = metrics;
        _services = services;
        _health = health;
        _loggers = loggers;
        _logger = loggers.CreateLogger<WebDashboardService>();
        _time = time;
    }

    /// <summary>Where the dashboard is, e.g. http://127.0.0.1:8080/.</summary>
    public string Url => $"{(_options.CertificateFile is null ? "http" : "https")}://{FormatHost(_options.BindAddress)}:{_options.Port}/";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _health.SetComponent(HealthComponent, "disabled");
            return;
        }

        WebApplication? app = null;
        try
        {
            app = Build();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            // The page is a window onto the sentinel, not part of it: whatever stops it, the watching goes on.
            var reason = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
            _health.SetComponent(HealthComponent, $"failed: {reason}");
            _logger.LogError("Dashboard cannot listen on {Address}:{Port} ({Reason}); the sentinel runs on without it. Free the port or set Web:Port", _options.BindAddress, _options.Port, reason);
            return;
        }

        _app = app;
        _health.SetComponent(HealthComponent, "listening");
        _logger.LogInformation("Dashboard at {Url}", Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WebApplication Build()
    {
        // The empty builder reads no appsettings, environment or command line: the daemon's options configure it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Listen(IPAddress.Parse(_options.BindAddress), _options.Port, listen =>
            {
                if (_options.CertificateFile is not null)
                {
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(_options.CertificateFile, _options.CertificateKeyFile));
                }
            });
        });
        builder.Services.AddSingleton(_loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, ParentOwnedHostLifetime>();
        builder.Services.AddRouting();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = _options.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddHealthChecks()
            .AddCheck("camera", new CameraHealthCheck(_services.GetRequiredService<PipelineHealth>()))
            .AddCheck("detector", new DetectorHealthCheck(_services.GetRequiredService<PipelineHealth>(), _time))
            .AddCheck("broker", ActivatorUtilities.CreateInstance<BrokerHealthCheck>(_services))
            .AddCheck("outbox", ActivatorUtilities.CreateInstance<OutboxHealthCheck>(_services));

        var app = builder.Build();
        var guard = new DashboardGuard(DashboardCredentials.From(_options, _time));
        app.Use(guard.InvokeAsync);
        app.UseRateLimiter();

        var files = new ManifestEmbeddedFileProvider(typeof(WebDashboardService).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapGet("/vendor/mqtt.min.js", () => Results.Stream(
            typeof(WebDashboardService).Assembly.GetManifestResourceStream("EdgeMask.Web.vendor.mqtt.min.js")!,
            "text/javascript; charset=utf-8"));

        _api.Map(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapMetrics("/metrics", _metrics.Registry);
        return app;
    }

    private static string FormatHost(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;

    /// <summary>The daemon's host owns signals and shutdown; the inner web host must not install console handlers of its own.</summary>
    private sealed class ParentOwnedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
