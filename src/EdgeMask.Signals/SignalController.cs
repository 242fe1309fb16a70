using EdgeMask.Core.Control;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using EdgeMask.Signals.Hardware;
using EdgeMask.Signals.Patterns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Signals;

/// <summary>
/// Shows the scene state on the LEDs and buzzer. <see cref="OnSceneUpdateAsync"/> only records the latest state and
/// returns at once; a pattern engine on its own <see cref="TimeProvider"/> timer computes and writes the outputs, so a
/// slow GPIO line never slows the frame loop. Outputs are off (the safe state) after <see cref="Start"/> begins, after
/// <see cref="StopAsync"/>, after <see cref="Dispose"/>, and after <see cref="SetSafeState"/> on crash paths.
/// The buzzer is silent while <see cref="RuntimeControls.BuzzerMuted"/> is set or during quiet hours; LEDs are not.
/// Follows the dotnet/iot ownership rule: <see cref="SignalOutputs"/> passed in are disposed with the controller only
/// when <c>shouldDispose</c> is true.
/// </summary>
public sealed class SignalController : ISceneSink, IDisposable
{
    private readonly SignalOutputs _outputs;
    private readonly SignalsOptions _options;
    private readonly RuntimeControls _controls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _shouldDispose;
    private readonly SignalPlanner _planner;
    private readonly SemaphoreSlim _engine = new(1, 1);
    private readonly HashSet<SignalOutputKind> _failing = [];
    private SceneState _state = SceneState.Clear;
    private ITimer? _timer;
    private volatile bool _stopping;
    private volatile bool _disposeRequested;
    private bool _disposed;

    /// <summary>Drives the outputs opened from <paramref name="options"/> on the platform's default GPIO driver, in real time.</summary>
    public SignalController(SignalsOptions options)
        : this(options, new SignalOutputs(options), shouldDispose: true)
    {
    }

    /// <summary>Drives <paramref name="outputs"/> in real time, with buzzer controls nobody else changes.</summary>
    public SignalController(SignalsOptions options, SignalOutputs outputs, bool shouldDispose = true)
        : this(options, outputs, new RuntimeControls(), TimeProvider.System, logger: null, shouldDispose)
    {
    }

    public SignalController(
        SignalsOptions options,
        SignalOutputs outputs,
        RuntimeControls controls,
        TimeProvider time,
        ILogger<SignalController>? logger = null,
        bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputs);
        _options = options;
        _outputs = outputs;
        _controls = controls ?? throw new ArgumentNullException(nameof(controls));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _shouldDispose = shouldDispose;
        _planner = new SignalPlanner(options, outputs.Has(SignalOutputKind.DistanceLed));
    }

    /// <summary>The state the outputs currently show (the latest one received).</summary>
    public SceneState CurrentState => Volatile.Read(ref _state);

    /// <summary>Whether the buzzer is silenced right now, by the mute control or by quiet hours.</summary>
    public bool BuzzerSilenced => _controls.BuzzerMuted || _options.QuietHours.Contains(TimeOnly.FromDateTime(_time.GetLocalNow().DateTime));

    /// <summary>Records the new state for the pattern engine; never waits for a pin.</summary>
    public ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        Volatile.Write(ref _state, update.State);
        return ValueTask.CompletedTask;
    }

    /// <summary>Switches every output off, then starts the pattern engine. Calling it again does nothing.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_timer is not null)
        {
            return;
        }

        _stopping = false;
        _outputs.SetAllOff();
        _timer = _time.CreateTimer(static self => ((SignalController)self!).Tick(), this, _options.TickInterval, _options.TickInterval);
        _logger.LogInformation("Signals running on {Driver}: {Outputs}; pattern tick {Tick} ms", _outputs.DriverDescription, string.Join(", ", _outputs.Configured.Select(_outputs.Describe)), _options.TickInterval.TotalMilliseconds);
    }

    /// <summary>Stops the pattern engine and leaves every output off. A write in progress is waited for, asynchronously.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _timer?.Dispose();
        _timer = null;
        await _engine.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _outputs.SetAllOff();
        }
        finally
        {
            _engine.Release();
        }
    }

    /// <summary>
    /// For crash and process-exit paths: stops the engine and switches everything off now, or, when a write is in
    /// progress, makes the engine do it as soon as that write returns. Never throws and never waits.
    /// </summary>
    public void SetSafeState()
    {
        _stopping = true;
        try
        {
            _timer?.Dispose();
            if (_engine.Wait(0))
            {
                try
                {
                    ShutDownOutputs();
                }
                finally
                {
                    _engine.Release();
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not put the signal outputs in their safe state");
        }
    }

    public void Dispose()
    {
        if (_disposeRequested)
        {
            return;
        }

        _disposeRequested = true;
        SetSafeState();
    }

    /// <summary>One turn of the pattern engine: skipped while the previous turn is still writing.</summary>
    internal void Tick()
    {
        if (!_engine.Wait(0))
        {
            return;
        }

        try
        {
            if (!_stopping)
            {
                var levels = _planner.Plan(CurrentState, _time.GetUtcNow(), BuzzerSilenced);
                Apply(levels);
            }

            // A stop or dispose that arrived during a slow write left the safe state to this turn.
            if (_stopping)
            {
                ShutDownOutputs();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Signal pattern engine turn failed");
        }
        finally
        {
            _engine.Release();
        }
    }

    private void Apply(OutputLevels levels)
    {
        Write(SignalOutputKind.GreenLed, levels.GreenLed);
        Write(SignalOutputKind.RedLed, levels.RedLed);
        Write(SignalOutputKind.DistanceLed, levels.DistanceLed);
        Write(SignalOutputKind.Buzzer, levels.Buzzer);
    }

    private void Write(SignalOutputKind kind, bool on)
    {
        try
        {
            _outputs.Set(kind, on);
            if (_failing.Remove(kind))
            {
                _logger.LogInformation("{Output} works again", _outputs.Describe(kind));
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // Logged once per failure streak: a dead line would otherwise log at the tick rate.
            if (_failing.Add(kind))
            {
                _logger.LogError(ex, "Could not switch {Output} {State}", _outputs.Describe(kind), on ? "on" : "off");
            }
        }
    }

    private void ShutDownOutputs()
    {
        if (_disposed)
        {
            return;
        }

        _outputs.SetAllOff();
        if (_disposeRequested)
        {
            _disposed = true;
            if (_shouldDispose)
            {
                _outputs.Dispose();
            }
        }
    }
}
