using System.Text.Json;

namespace EdgeMask.Mqtt.HomeAssistant;

/// <summary>A retained discovery message: where it goes and what it says.</summary>
public sealed record DiscoveryMessage(string Component, string ObjectId, string Topic, DiscoveryConfig Config)
{
    public byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(Config, HomeAssistantJsonContext.Default.DiscoveryConfig);
}

/// <summary>
/// The Home Assistant entities of one sentinel: violation, problem and camera binary sensors, people and health
/// sensors, and the buzzer / pause switches, all under one device and tied to the availability topic. The violation
/// sensors are also unavailable while the sentinel cannot see (camera not online, or detection paused): "OFF" would
/// read as all clear. Stats sensors expire when three stats intervals pass without stats.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>Online while the camera delivers frames and detection runs.</summary>
    public const string SeeingTemplate = "{{ 'online' if value_json.camera == 'online' and value_json.detection_paused == 'OFF' else 'offline' }}";

    /// <summary>kind_phase of every incident event (docs/mqtt/v2/event.schema.json).</summary>
    public static readonly IReadOnlyList<string> IncidentEventTypes =
        ["no_mask_start", "no_mask_update", "no_mask_end", "too_close_start", "too_close_update", "too_close_end"];

    /// <param name="snapshots">Announce the incident snapshot as an image entity (Mqtt:PublishSnapshots).</param>
    /// <param name="configurationUrl">The dashboard's address for the device's "Visit" link (Mqtt:HomeAssistant:ConfigurationUrl).</param>
    public static IReadOnlyList<DiscoveryMessage> Build(MqttTopics topics, string version, TimeSpan statsInterval, bool snapshots = false, string? configurationUrl = null)
    {
        var statsExpire = (int)Math.Ceiling(statsInterval.TotalSeconds * 3);
        var device = new DiscoveryDevice([$"edgemask_{topics.DeviceId}"], $"EdgeMask {topics.DeviceId}", "EdgeMask", "Entrance sentinel", version, configurationUrl);
        var origin = new DiscoveryOrigin("EdgeMask", version);

        DiscoveryMessage Entity(string component, string objectId, string name, string stateTopic, string template, Func<DiscoveryConfig, DiscoveryConfig>? extra = null)
        {
            var config = new DiscoveryConfig
            {
                Name = name,
                UniqueId = $"edgemask_{topics.DeviceId}_{objectId}",
                StateTopic = stateTopic,
                ValueTemplate = template,
                AvailabilityTopic = topics.Availability,
                Device = device,
                Origin = origin,
            };
            return new DiscoveryMessage(component, objectId, topics.Discovery(component, objectId), extra is null ? config : extra(config));
        }

        static DiscoveryConfig OnOff(DiscoveryConfig c) => c with { PayloadOn = PayloadSchema.On, PayloadOff = PayloadSchema.Off };
        DiscoveryConfig Diagnostic(DiscoveryConfig c) => c with { EntityCategory = "diagnostic", StateClass = c.StateClass ?? "measurement", ExpireAfter = statsExpire };
        DiscoveryConfig OnlyWhileSeeing(DiscoveryConfig c) => c with
        {
            AvailabilityTopic = null,
            PayloadAvailable = null,
            PayloadNotAvailable = null,
            Availability = [new DiscoveryAvailability(topics.Availability), new DiscoveryAvailability(topics.State, SeeingTemplate)],
            AvailabilityMode = "all",
        };

        List<DiscoveryMessage> messages =
        [
            Entity("binary_sensor", "mask_violation", "Mask violation", topics.State, "{{ value_json.mask_violation }}",
                c => OnlyWhileSeeing(OnOff(c)) with { DeviceClass = "problem", Icon = "mdi:face-mask" }),
            Entity("binary_sensor", "distance_violation", "Distance violation", topics.State, "{{ value_json.distance_violation }}",
                c => OnlyWhileSeeing(OnOff(c)) with { DeviceClass = "problem", Icon = "mdi:social-distance-2-meters" }),
            Entity("binary_sensor", "blind", "Sentinel cannot see", topics.State, "{{ 'OFF' if value_json.camera == 'online' and value_json.detection_paused == 'OFF' else 'ON' }}",
                c => OnOff(c) with { DeviceClass = "problem", EntityCategory = "diagnostic", Icon = "mdi:eye-off" }),
            Entity("binary_sensor", "camera", "Camera", topics.State, "{{ 'ON' if value_json.camera == 'online' else 'OFF' }}",
                c => OnOff(c) with { DeviceClass = "connectivity", EntityCategory = "diagnostic" }),
            Entity("sensor", "people_in_view", "People in view", topics.State, "{{ value_json.people_in_view }}",
                c => OnlyWhileSeeing(c) with { StateClass = "measurement", Icon = "mdi:account-group" }),
            Entity("sensor", "camera_fps", "Camera FPS", topics.Stats, "{{ value_json.camera_fps | round(1) }}",
                c => Diagnostic(c) with { UnitOfMeasurement = "fps", Icon = "mdi:camera-timer" }),
            Entity("sensor", "processed_fps", "Processed FPS", topics.Stats, "{{ value_json.processed_fps | round(1) }}",
                c => Diagnostic(c) with { UnitOfMeasurement = "fps", Icon = "mdi:speedometer" }),
            Entity("sensor", "frames_dropped", "Frames dropped", topics.Stats, "{{ value_json.frames_dropped }}",
                c => Diagnostic(c with { StateClass = "total_increasing" }) with { Icon = "mdi:image-remove" }),
            Entity("sensor", "inference_ms", "Inference per face", topics.Stats, "{{ value_json.inference_ms_per_face | round(1) }}",
                c => Diagnostic(c) with { UnitOfMeasurement = "ms", DeviceClass = "duration" }),
            Entity("sensor", "cpu_temperature", "CPU temperature", topics.Stats, "{{ value_json.cpu_temperature_celsius }}",
                c => Diagnostic(c) with { UnitOfMeasurement = "°C", DeviceClass = "temperature" }),
            Entity("sensor", "outbox_depth", "Outbox depth", topics.Stats, "{{ value_json.outbox_depth }}",
                c => Diagnostic(c) with { Icon = "mdi:tray-full" }),
            Entity("event", "incident", "Incident", topics.Events, "{{ {'event_type': value_json.kind ~ '_' ~ value_json.phase} | to_json }}",
                c => c with { EventTypes = IncidentEventTypes, Icon = "mdi:alert-circle-outline" }),
            Entity("sensor", "people_seen", "People seen (last period)", topics.Summary, "{{ value_json.people_seen }}",
                c => c with { StateClass = "measurement", Icon = "mdi:account-multiple-check" }),
            Entity("sensor", "unmasked_seen", "People without a mask (last period)", topics.Summary, "{{ value_json.unmasked }}",
                c => c with { StateClass = "measurement", Icon = "mdi:emoticon-sick-outline" }),
            Entity("sensor", "distance_violations", "Distance violations (last period)", topics.Summary, "{{ value_json.distance_violations }}",
                c => c with { StateClass = "measurement", Icon = "mdi:account-multiple-remove" }),
            Entity("sensor", "last_command", "Last command", topics.State,
                "{{ 'none' if value_json.last_command is none else ('ok' if value_json.last_command.ok else ('rejected: ' ~ value_json.last_command.error)[:250]) }}",
                c => c with { EntityCategory = "diagnostic", Icon = "mdi:console" }),
            Entity("number", "min_confidence", "Mask confidence threshold", topics.State, "{{ value_json.effective_min_confidence }}",
                c => c with { CommandTopic = topics.Command("min_confidence"), Min = 0.05, Max = 1, Step = 0.05, EntityCategory = "config", Icon = "mdi:tune-variant" }),
            Entity("number", "min_distance_meters", "Minimum distance", topics.State, "{{ value_json.effective_min_distance_meters }}",
                c => c with { CommandTopic = topics.Command("min_distance_meters"), Min = 0.1, Max = 20, Step = 0.1, UnitOfMeasurement = "m", DeviceClass = "distance", EntityCategory = "config", Icon = "mdi:ruler" }),
            Entity("switch", "buzzer_muted", "Buzzer muted", topics.State, "{{ value_json.buzzer_muted }}",
                c => OnOff(c) with { CommandTopic = topics.Command("buzzer_muted"), StateOn = PayloadSchema.On, StateOff = PayloadSchema.Off, Icon = "mdi:volume-off" }),
            Entity("switch", "detection_paused", "Detection paused", topics.State, "{{ value_json.detection_paused }}",
                c => OnOff(c) with { CommandTopic = topics.Command("detection_paused"), StateOn = PayloadSchema.On, StateOff = PayloadSchema.Off, Icon = "mdi:pause-circle" }),
        ];

        if (snapshots)
        {
            messages.Add(Entity("image", "snapshot", "Last incident", topics.State, string.Empty,
                c => c with { StateTopic = null, ValueTemplate = null, ImageTopic = topics.Snapshot, ContentType = "image/jpeg", Icon = "mdi:cctv" }));
        }

        return messages;
    }
}
