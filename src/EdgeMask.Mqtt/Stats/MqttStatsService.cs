using EdgeMask.Mqtt.Publishing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt.Stats;

/// <summary>Offers fresh stats to the publishing loop at start and every Mqtt:StatsInterval.</summary>
internal sealed class MqttStatsService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly MqttPublisher _publisher;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttStatsService> _logger;

    public MqttStatsService(IServiceProvider services, MqttPublisher publisher, IOptions<MqttOptions> options, TimeProvider time, ILogger<MqttStatsService> logger)
    {
        _services = services;
        _publisher = publisher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var collector = (StatsCollector)_services.GetService(typeof(StatsCollector))!;
        using var timer = new PeriodicTimer(_options.StatsInterval, _time);
        try
        {
            do
            {
                try
                {
                    _publisher.OfferStats(collector.Collect());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    _logger.LogWarning(ex, "MQTT stats: cannot collect figures");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
