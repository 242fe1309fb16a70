using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EdgeMask.Core.Settings;

/// <summary>
/// The current settings of a section that reloads while the daemon runs. An edit of the configuration file that
/// fails validation (a value out of range, a wrong type) is logged once, naming the keys, and ignored: the last valid
/// settings stay in force until the file is fixed. Reading <see cref="Current"/> never throws and costs a field read,
/// so the frame path can read it every frame.
/// </summary>
public sealed class LastValidOptions<TOptions> : IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _reloadLock = new();
    private TOptions _current;
    private string? _lastError;

    /// <exception cref="OptionsValidationException">The settings are invalid at start.</exception>
    public LastValidOptions(IOptionsFactory<TOptions> factory, IEnumerable<IOptionsChangeTokenSource<TOptions>> sources, ILogger<LastValidOptions<TOptions>>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger ?? NullLogger<LastValidOptions<TOptions>>.Instance;
        _current = factory.Create(Options.DefaultName);
        foreach (var source in sources.Where(s => s.Name is null || s.Name == Options.DefaultName))
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    /// <summary>The settings in force: the latest valid ones.</summary>
    public TOptions Current => Volatile.Read(ref _current);

    /// <summary>The validation error of the latest edit when it was rejected, else null.</summary>
    public string? RejectedEditError => Volatile.Read(ref _lastError);

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                Volatile.Write(ref _current, _factory.Create(Options.DefaultName));
                if (_lastError is not null)
                {
                    _logger.LogInformation("{Settings} settings are valid again and in force", typeof(TOptions).Name);
                }

                Volatile.Write(ref _lastError, null);
            }
            catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or FormatException)
            {
                var error = ex.Message.ReplaceLineEndings(" ");
                if (error != _lastError)
                {
                    _logger.LogWarning("{Settings} settings were changed to invalid values and are ignored until fixed; the last valid ones stay in force: {Error}", typeof(TOptions).Name, error);
                }

                Volatile.Write(ref _lastError, error);
            }
        }
    }
}
