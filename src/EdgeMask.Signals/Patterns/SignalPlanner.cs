using EdgeMask.Core.Scene;

namespace EdgeMask.Signals.Patterns;

/// <summary>
/// Turns the scene state into output levels at an instant: green while all is clear, the mask pattern on the red
/// LED, the distance pattern on the distance LED (or on the red LED when there is none and no mask violation), and
/// the buzzer pattern of the active violation (mask wins over distance) unless the buzzer is silenced. Patterns run
/// from the first instant each violation was seen. Not thread-safe: called from the pattern engine only.
/// </summary>
internal sealed class SignalPlanner
{
    private readonly SignalsOptions _options;
    private readonly bool _hasDistanceLed;
    private DateTimeOffset? _maskSince;
    private DateTimeOffset? _distanceSince;

    public SignalPlanner(SignalsOptions options, bool hasDistanceLed)
    {
        _options = options;
        _hasDistanceLed = hasDistanceLed;
    }

    public OutputLevels Plan(SceneState state, DateTimeOffset now, bool buzzerSilenced)
    {
        _maskSince = state.MaskViolation ? _maskSince ?? now : null;
        _distanceSince = state.DistanceViolation ? _distanceSince ?? now : null;

        var mask = _maskSince is { } maskStart ? now - maskStart : (TimeSpan?)null;
        var distance = _distanceSince is { } distanceStart ? now - distanceStart : (TimeSpan?)null;

        var maskLed = mask is { } m && _options.MaskViolation.Led.IsOnAt(m);
        var distanceLed = distance is { } d && _options.DistanceViolation.Led.IsOnAt(d);

        bool buzzer;
        if (buzzerSilenced)
        {
            buzzer = false;
        }
        else if (mask is { } mb)
        {
            buzzer = _options.MaskViolation.Buzzer.IsOnAt(mb);
        }
        else
        {
            buzzer = distance is { } db && _options.DistanceViolation.Buzzer.IsOnAt(db);
        }

        return _hasDistanceLed
            ? new OutputLevels(!state.AnyViolation, maskLed, distanceLed, buzzer)
            : new OutputLevels(!state.AnyViolation, mask is not null ? maskLed : distanceLed, false, buzzer);
    }
}
