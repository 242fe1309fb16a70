using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Outputs;

/// <summary>Writes incident events, state changes and period summaries to the log (the journal under systemd).</summary>
public sealed class LoggingSceneSink : ISceneSink
{
    private readonly ILogger<LoggingSceneSink> _logger;
    private (bool Mask, bool Distance)? _lastViolations;

    public LoggingSceneSink(ILogger<LoggingSceneSink> logger) => _logger = logger;

    public ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        foreach (var incident in update.Events)
        {
            _logger.LogInformation(
                "Incident {Phase} {Kind} {Id}: tracks [{Tracks}], best confidence {Confidence:0.00}{Distance}",
                incident.Phase,
                incident.Kind,
                incident.IncidentId,
                string.Join(",", incident.TrackIds),
                incident.BestConfidence,
                incident.WorstDistance is { } d ? $", closest {d:0.00} {incident.DistanceUnit}" : string.Empty);
        }

        if (_logger.IsEnabled(LogLevel.Debug) && update.People.Count > 0)
        {
            _logger.LogDebug(
                "Frame {Sequence}: {People}",
                update.FrameSequence,
                string.Join("; ", update.People.Select(p => $"#{p.TrackId} {p.Verdict} {p.VerdictConfidence:0.00} at {p.Box}{(p.PositionMeters is { } m ? $" {m.Z:0.00} m away" : string.Empty)}")));
        }

        // Logged when a violation starts or stops, not when the head count changes: one line per change, not per frame.
        var violations = (update.State.MaskViolation, update.State.DistanceViolation);
        if (violations != _lastViolations)
        {
            _logger.LogInformation(
                "State: mask violation {Mask}, distance violation {Distance}, {People} in view",
                update.State.MaskViolation ? "ON" : "OFF",
                update.State.DistanceViolation ? "ON" : "OFF",
                update.State.PeopleInView);
            _lastViolations = violations;
        }

        if (update.Summary is { } summary)
        {
            _logger.LogInformation(
                "Summary {From:u} - {To:u}: {People} people, {Masked} masked, {Unmasked} unmasked, {Distance} distance violations",
                summary.From,
                summary.To,
                summary.PeopleSeen,
                summary.Masked,
                summary.Unmasked,
                summary.DistanceViolations);
        }

        return ValueTask.CompletedTask;
    }
}
