using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeMask.Core.Control;
using EdgeMask.Core.Text;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Mqtt.Commands;

/// <summary>
/// Validates commands received under {prefix}/set and applies them to <see cref="RuntimeControls"/>. Everything is
/// checked before anything is applied; bad input of any kind yields a rejected <see cref="CommandAck"/>, never an exception.
/// </summary>
/// <remarks>
/// Single-value topics: set/buzzer_muted and set/detection_paused take ON/OFF (also true/false, 1/0); set/min_confidence
/// (0, 1] and set/min_distance_meters (0, 20] take a number, or "reset" / an empty payload to return to the configured value.
/// The JSON topic "set" takes an object of the same names, plus an optional "request_id" echoed in the ack.
/// </remarks>
internal sealed class CommandProcessor
{
    public const string BuzzerMuted = "buzzer_muted";
    public const string DetectionPaused = "detection_paused";
    public const string MinConfidence = "min_confidence";
    public const string MinDistanceMeters = "min_distance_meters";
    public const string RequestIdKey = "request_id";
    private const int MaxEchoLength = 64;

    private static readonly string[] KnownCommands = [BuzzerMuted, DetectionPaused, MinConfidence, MinDistanceMeters];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RuntimeControls _controls;
    private readonly MqttTopics _topics;
    private readonly int _maxPayloadBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CommandProcessor(RuntimeControls controls, MqttTopics topics, int maxPayloadBytes, TimeProvider time, ILogger logger)
    {
        _controls = controls;
        _topics = topics;
        _maxPayloadBytes = maxPayloadBytes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles one received message. Returns null when the topic is not a command topic of this device.</summary>
    public CommandAck? Handle(string topic, ReadOnlySequence<byte> payload)
    {
        if (!_topics.TryGetCommandName(topic, out var name))
        {
            return null;
        }

        var label = Truncate(name);
        if (payload.Length > _maxPayloadBytes)
        {
            return Reject(label, topic, null, $"payload of {payload.Length} bytes exceeds Mqtt:Commands:MaxPayloadBytes ({_maxPayloadBytes})");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return Reject(label, topic, null, "payload is not valid UTF-8");
        }

        return name.Length == 0 ? HandleJson(topic, text) : HandleSingle(name, topic, text);
    }

    /// <summary>
    /// A JSON command from somewhere other than MQTT (the dashboard): the same names, values and checks as the JSON
    /// command topic. <paramref name="origin"/> stands where the topic would ("web"), in the ack and the log.
    /// </summary>
    public CommandAck HandleLocal(string origin, string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > _maxPayloadBytes
            ? Reject(string.Empty, origin, null, $"payload of {bytes} bytes exceeds Mqtt:Commands:MaxPayloadBytes ({_maxPayloadBytes})")
            : HandleJson(origin, text);
    }

    private CommandAck HandleSingle(string name, string topic, string text)
    {
        var change = Parse(name, text.Trim(), out var error);
        return change is null ? Reject(Truncate(name), topic, null, error!) : Apply(name, topic, null, [change]);
    }

    private CommandAck HandleJson(string topic, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException ex)
        {
            return Reject(string.Empty, topic, null, $"payload is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Reject(string.Empty, topic, null, $"payload must be a JSON object, not {document.RootElement.ValueKind}");
            }

            string? requestId = null;
            var names = new List<string>();
            var changes = new List<Action>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == RequestIdKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Length > MaxEchoLength)
                    {
                        return Reject(string.Empty, topic, null, $"request_id must be a string of at most {MaxEchoLength} characters");
                    }

                    requestId = property.Value.GetString();
                    continue;
                }

                names.Add(Truncate(property.Name));
                var change = Parse(property.Name, JsonValueAsText(property.Value), out var error);
                if (change is null)
                {
                    return Reject(string.Join(',', names), topic, requestId, error!);
                }

                changes.Add(change);
            }

            return changes.Count == 0
                ? Reject(string.Empty, topic, requestId, $"no command in payload; known: {string.Join(", ", KnownCommands)}")
                : Apply(string.Join(',', names), topic, requestId, changes);
        }
    }

    private CommandAck Apply(string command, string topic, string? requestId, IReadOnlyList<Action> changes)
    {
        try
        {
            foreach (var change in changes)
            {
                change();
            }
        }
        catch (ArgumentException ex)
        {
            return Reject(command, topic, requestId, ex.Message);
        }

        _logger.LogInformation("Command {Command} from {Topic} applied", PrintableText.Escape(command), PrintableText.Escape(topic));
        return new CommandAck(command, topic, true, null, _time.GetUtcNow(), requestId);
    }

    private CommandAck Reject(string command, string topic, string? requestId, string error)
    {
        _logger.LogWarning("Command rejected from {Topic}: {Error}", PrintableText.Escape(topic), PrintableText.Escape(error));
        return new CommandAck(command, topic, false, error, _time.GetUtcNow(), requestId);
    }

    /// <summary>A validated change ready to apply, or null with <paramref name="error"/> saying what is wrong.</summary>
    private Action? Parse(string name, string? value, out string? error)
    {
        error = null;
        switch (name)
        {
            case BuzzerMuted when TryParseSwitch(value, out var muted):
                return () => _controls.SetBuzzerMuted(muted);
            case DetectionPaused when TryParseSwitch(value, out var paused):
                return () => _controls.SetDetectionPaused(paused);
            case BuzzerMuted or DetectionPaused:
                error = $"{name} expects ON or OFF, got '{Truncate(value ?? "null")}'";
                return null;
            case MinConfidence when TryParseLimit(value, 1, out var threshold):
                return () => _controls.SetMaskConfidenceThreshold(threshold);
            case MinConfidence:
                error = $"{name} expects a number in (0, 1] or 'reset', got '{Truncate(value ?? "null")}'";
                return null;
            case MinDistanceMeters when TryParseLimit(value, 20, out var meters):
                return () => _controls.SetMinDistanceMeters(meters);
            case MinDistanceMeters:
                error = $"{name} expects a number of metres in (0, 20] or 'reset', got '{Truncate(value ?? "null")}'";
                return null;
            default:
                error = $"unknown command '{Truncate(name)}'; known: {string.Join(", ", KnownCommands)}";
                return null;
        }
    }

    private static bool TryParseSwitch(string? value, out bool on)
    {
        on = false;
        switch (value?.Trim().ToUpperInvariant())
        {
            case "ON" or "TRUE" or "1":
                on = true;
                return true;
            case "OFF" or "FALSE" or "0":
                return true;
            default:
                return false;
        }
    }

    /// <summary>A number in (0, max], or null (return to the configured value) for "reset", "null" or an empty value.</summary>
    private static bool TryParseLimit(string? value, double max, out double? limit)
    {
        limit = null;
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Equals("reset", StringComparison.OrdinalIgnoreCase) || text == "null")
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number > 0 && number <= max)
        {
            limit = number;
            return true;
        }

        return false;
    }

    private static string? JsonValueAsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => PayloadSchema.On,
        JsonValueKind.False => PayloadSchema.Off,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => $"<{value.ValueKind}>",
    };

    private static string Truncate(string text) => text.Length <= MaxEchoLength ? text : text[..MaxEchoLength] + "…";
}
