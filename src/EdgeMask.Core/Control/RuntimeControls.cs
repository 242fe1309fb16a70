namespace EdgeMask.Core.Control;

/// <summary>
/// Settings that can change while the daemon runs (from MQTT commands): buzzer mute, detection pause and
/// threshold overrides. Overrides win over configuration until cleared. Thread-safe.
/// </summary>
public sealed class RuntimeControls
{
    private volatile bool _buzzerMuted;
    private volatile bool _detectionPaused;
    private readonly Lock _lock = new();
    private double? _maskConfidenceThreshold;
    private double? _minDistanceMeters;

    /// <summary>Raised after any control changes, on the thread that changed it.</summary>
    public event EventHandler? Changed;

    public bool BuzzerMuted => _buzzerMuted;

    public bool DetectionPaused => _detectionPaused;

    public double? MaskConfidenceThreshold
    {
        get
        {
            lock (_lock)
            {
                return _maskConfidenceThreshold;
            }
        }
    }

    public double? MinDistanceMeters
    {
        get
        {
            lock (_lock)
            {
                return _minDistanceMeters;
            }
        }
    }

    public void SetBuzzerMuted(bool muted)
    {
        _buzzerMuted = muted;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void SetDetectionPaused(bool paused)
    {
        _detectionPaused = paused;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <param name="threshold">In (0, 1], or null to return to the configured value.</param>
    public void SetMaskConfidenceThreshold(double? threshold)
    {
        if (threshold is { } t && (t <= 0 || t > 1 || double.IsNaN(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), t, "Mask confidence threshold must be in (0, 1].");
        }

        lock (_lock)
        {
            _maskConfidenceThreshold = threshold;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <param name="meters">In (0, 20], or null to return to the configured value.</param>
    public void SetMinDistanceMeters(double? meters)
    {
        if (meters is { } m && (m <= 0 || m > 20 || double.IsNaN(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(meters), m, "Minimum distance must be in (0, 20] metres.");
        }

        lock (_lock)
        {
            _minDistanceMeters = meters;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }
}
