using EdgeMask.Signals.Hardware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Signals;

/// <summary>
/// The `edgemask gpio-test` routine for installers: switches each configured output on for <see cref="OnTime"/> and
/// off again, one after another (green, red, distance, buzzer), logging each step. Run it while the pattern engine
/// is not running (the command does not start the daemon); every output is off when it returns, even when cancelled.
/// </summary>
public sealed class OutputTester
{
    private readonly SignalOutputs _outputs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OutputTester(SignalOutputs outputs, TimeProvider time, ILogger<OutputTester>? logger = null)
    {
        _outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How long each output stays on. Default 1 s.</summary>
    public TimeSpan OnTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between two outputs, so each one is seen on its own. Default 250 ms.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task<OutputTestReport> CycleAllAsync(CancellationToken cancellationToken)
    {
        var cycled = new List<string>();
        _logger.LogInformation("GPIO test on {Driver}: {Count} output(s)", _outputs.DriverDescription, _outputs.Configured.Count);
        if (_outputs.IsSimulated)
        {
            _logger.LogWarning("GPIO test runs on {Driver}: no physical line will move", _outputs.DriverDescription);
        }

        _outputs.SetAllOff();
        try
        {
            foreach (var kind in _outputs.Configured)
            {
                if (cycled.Count > 0)
                {
                    await Task.Delay(Gap, _time, cancellationToken).ConfigureAwait(false);
                }

                var name = _outputs.Describe(kind);
                _logger.LogInformation("{Output}: on for {Seconds:0.##} s", name, OnTime.TotalSeconds);
                _outputs.Set(kind, true);
                try
                {
                    await Task.Delay(OnTime, _time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _outputs.Set(kind, false);
                }

                _logger.LogInformation("{Output}: off", name);
                cycled.Add(name);
            }
        }
        finally
        {
            _outputs.SetAllOff();
        }

        return new OutputTestReport(_outputs.DriverDescription, _outputs.IsSimulated, cycled);
    }
}
