namespace EdgeMask.Core.Health;

/// <summary>
/// Live counters and states that the stages report and that health outputs (MQTT stats, systemd STATUS=,
/// the watchdog) read. Thread-safe; writers never block on readers.
/// </summary>
public sealed class PipelineHealth
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly RateMeter _captured;
    private readonly RateMeter _processed;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _components = new(StringComparer.Ordinal);
    private CameraState _cameraState = CameraState.Starting;
    private string _cameraDetail = "not opened yet";
    private long _reconnects;
    private long _framesCaptured;
    private long _framesDropped;
    private long _framesProcessed;
    private long _lastProgressTicks;
    private double _detectionMs;
    private double _inferenceMsPerFace;
    private int _facesInLastFrame;

    public PipelineHealth(TimeProvider time)
    {
        _time = time;
        _startedAt = time.GetUtcNow();
        _captured = new RateMeter(time);
        _processed = new RateMeter(time);
    }

    public DateTimeOffset StartedAt => _startedAt;

    /// <summary>Frames fully processed since start; a watchdog checks that it moves.</summary>
    public long FramesProcessed => Interlocked.Read(ref _framesProcessed);

    /// <summary>When the frame loop last proved progress (a processed frame, or an idle turn with the camera offline).</summary>
    public DateTimeOffset LastProgressAt => new(Interlocked.Read(ref _lastProgressTicks), TimeSpan.Zero);

    public void CameraOnline(string detail)
    {
        lock (_lock)
        {
            _cameraState = CameraState.Online;
            _cameraDetail = detail;
        }
    }

    public void CameraOffline(string reason)
    {
        lock (_lock)
        {
            _cameraState = CameraState.Offline;
            _cameraDetail = reason;
        }
    }

    public void CameraReconnecting() => Interlocked.Increment(ref _reconnects);

    public void FrameCaptured()
    {
        Interlocked.Increment(ref _framesCaptured);
        _captured.Mark();
    }

    public void FramesDropped(long count = 1) => Interlocked.Add(ref _framesDropped, count);

    public void FrameProcessed(TimeSpan detection, TimeSpan inference, int faces)
    {
        Interlocked.Increment(ref _framesProcessed);
        _processed.Mark();
        lock (_lock)
        {
            _detectionMs = Smooth(_detectionMs, detection.TotalMilliseconds);
            if (faces > 0)
            {
                _inferenceMsPerFace = Smooth(_inferenceMsPerFace, inference.TotalMilliseconds / faces);
            }

            _facesInLastFrame = faces;
        }

        ReportProgress();
    }

    /// <summary>The frame loop is alive even though no frame was processed (e.g. waiting for an offline camera).</summary>
    public void ReportProgress() => Interlocked.Exchange(ref _lastProgressTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Records the state of a component, e.g. ("signals", "simulated") or ("mqtt", "connected").</summary>
    public void SetComponent(string name, string status)
    {
        lock (_lock)
        {
            _components[name] = status;
        }
    }

    public HealthSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new HealthSnapshot(
                At: _time.GetUtcNow(),
                Uptime: _time.GetUtcNow() - _startedAt,
                Camera: _cameraState,
                CameraDetail: _cameraDetail,
                CameraReconnects: Interlocked.Read(ref _reconnects),
                CameraFps: _captured.PerSecond(),
                ProcessedFps: _processed.PerSecond(),
                FramesCaptured: Interlocked.Read(ref _framesCaptured),
                FramesProcessed: Interlocked.Read(ref _framesProcessed),
                FramesDropped: Interlocked.Read(ref _framesDropped),
                DetectionMs: _detectionMs,
                InferenceMsPerFace: _inferenceMsPerFace,
                FacesInLastFrame: _facesInLastFrame,
                Components: new Dictionary<string, string>(_components, StringComparer.Ordinal));
        }
    }

    // Exponential moving average: recent frames dominate, a single slow frame does not.
    private static double Smooth(double previous, double sample) => previous == 0 ? sample : (previous * 0.9) + (sample * 0.1);
}
