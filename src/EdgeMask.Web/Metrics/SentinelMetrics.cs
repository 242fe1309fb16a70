using EdgeMask.Mqtt;
using EdgeMask.Mqtt.Local;
using EdgeMask.Web.Live;
using EdgeMask.Web.Snapshots;
using Prometheus;

namespace EdgeMask.Web.Metrics;

/// <summary>
/// The figures of the state and stats payloads as Prometheus metrics (prometheus-net), read fresh at each scrape.
/// A registry of its own: nothing process-wide, and no default collectors the device does not need.
/// </summary>
internal sealed class SentinelMetrics
{
    private readonly DeviceStatus _status;
    private readonly LiveView _live;
    private readonly SnapshotStore _snapshots;
    private readonly SnapshotRecorder _recorder;

    private readonly Gauge _up;
    private readonly Gauge _cameraOnline;
    private readonly Gauge _peopleInView;
    private readonly Gauge _violation;
    private readonly Gauge _buzzerMuted;
    private readonly Gauge _detectionPaused;
    private readonly Gauge _fps;
    private readonly Counter _frames;
    private readonly Gauge _detectionSeconds;
    private readonly Gauge _inferenceSeconds;
    private readonly Gauge _outboxEvents;
    private readonly Gauge _outboxBytes;
    private readonly Counter _outboxDropped;
    private readonly Gauge _cpu;
    private readonly Gauge _rss;
    private readonly Gauge _temperature;
    private readonly Counter _reconnects;
    private readonly Gauge _streams;
    private readonly Counter _snapshotsStored;
    private readonly Counter _snapshotsFailed;
    private readonly Counter _snapshotsDropped;
    private readonly Gauge _uptime;

    public SentinelMetrics(DeviceStatus status, LiveView live, SnapshotStore snapshots, SnapshotRecorder recorder)
    {
        _recorder = recorder;
        _status = status;
        _live = live;
        _snapshots = snapshots;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _up = factory.CreateGauge("edgemask_info", "Always 1; labels name the device and version.", "device_id", "version");
        _cameraOnline = factory.CreateGauge("edgemask_camera_online", "1 while the camera delivers frames.");
        _peopleInView = factory.CreateGauge("edgemask_people_in_view", "People in view now.");
        _violation = factory.CreateGauge("edgemask_violation", "1 while a violation of this kind is active.", "kind");
        _buzzerMuted = factory.CreateGauge("edgemask_buzzer_muted", "1 while the buzzer is muted.");
        _detectionPaused = factory.CreateGauge("edgemask_detection_paused", "1 while detection is paused.");
        _fps = factory.CreateGauge("edgemask_frames_per_second", "Frame rate over the last seconds.", "stage");
        _frames = factory.CreateCounter("edgemask_frames_total", "Frames since start.", "outcome");
        _detectionSeconds = factory.CreateGauge("edgemask_detection_seconds", "Face detection time per frame (moving average).");
        _inferenceSeconds = factory.CreateGauge("edgemask_inference_seconds_per_face", "Mask classification time per face (moving average).");
        _outboxEvents = factory.CreateGauge("edgemask_outbox_events", "Events waiting for the broker.");
        _outboxBytes = factory.CreateGauge("edgemask_outbox_bytes", "Bytes of events waiting for the broker.");
        _outboxDropped = factory.CreateCounter("edgemask_outbox_dropped_total", "Events dropped because the outbox was full or the disk refused them.");
        _cpu = factory.CreateGauge("edgemask_process_cpu_percent", "CPU used by the daemon, percent of one core.");
        _rss = factory.CreateGauge("edgemask_process_resident_memory_bytes", "Resident memory of the daemon.");
        _temperature = factory.CreateGauge("edgemask_cpu_temperature_celsius", "Hottest thermal zone (absent where none is readable).");
        _reconnects = factory.CreateCounter("edgemask_mqtt_reconnects_total", "MQTT reconnections since start.");
        _streams = factory.CreateGauge("edgemask_web_streams", "Open live streams (MJPEG and server-sent events).");
        _snapshotsStored = factory.CreateCounter("edgemask_snapshots_stored_total", "Incident snapshots written.");
        _snapshotsFailed = factory.CreateCounter("edgemask_snapshots_failed_total", "Incident snapshots that could not be written.");
        _snapshotsDropped = factory.CreateCounter("edgemask_snapshots_dropped_total", "Incident snapshots dropped before encoding because the writer fell behind.");
        _uptime = factory.CreateGauge("edgemask_uptime_seconds", "Seconds since the daemon started.");
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var state = _status.State();
        var stats = _status.Stats();
        _up.WithLabels(state.DeviceId, stats.Version).Set(1);
        _cameraOnline.Set(state.Camera == "online" ? 1 : 0);
        _peopleInView.Set(state.PeopleInView);
        _violation.WithLabels("no_mask").Set(state.MaskViolation == PayloadSchema.On ? 1 : 0);
        _violation.WithLabels("too_close").Set(state.DistanceViolation == PayloadSchema.On ? 1 : 0);
        _buzzerMuted.Set(state.BuzzerMuted == PayloadSchema.On ? 1 : 0);
        _detectionPaused.Set(state.DetectionPaused == PayloadSchema.On ? 1 : 0);
        _fps.WithLabels("camera").Set(stats.CameraFps);
        _fps.WithLabels("processed").Set(stats.ProcessedFps);
        _frames.WithLabels("captured").IncTo(stats.FramesCaptured);
        _frames.WithLabels("processed").IncTo(stats.FramesProcessed);
        _frames.WithLabels("dropped").IncTo(stats.FramesDropped);
        _detectionSeconds.Set(stats.DetectionMs / 1000);
        _inferenceSeconds.Set(stats.InferenceMsPerFace / 1000);
        _outboxEvents.Set(stats.OutboxDepth);
        _outboxBytes.Set(stats.OutboxBytes);
        _outboxDropped.IncTo(stats.OutboxDropped);
        _cpu.Set(stats.ProcessCpuPercent);
        _rss.Set(stats.ProcessRssBytes);
        if (stats.CpuTemperatureCelsius is { } celsius)
        {
            _temperature.Set(celsius);
        }
        else
        {
            _temperature.Unpublish();
        }

        _reconnects.IncTo(stats.MqttReconnects);
        _streams.Set(_live.Streams);
        _snapshotsStored.IncTo(_snapshots.Stored);
        _snapshotsFailed.IncTo(_snapshots.Failed);
        _snapshotsDropped.IncTo(_recorder.Dropped);
        _uptime.Set(stats.UptimeSeconds);
    }
}
