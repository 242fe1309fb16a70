using EdgeMask.Core.Scene;

namespace EdgeMask.Mqtt;

/// <summary>Counts over one summary period on {prefix}/summary (docs/mqtt/v2/summary.schema.json).</summary>
public sealed record SummaryPayload(
    int SchemaVersion,
    string DeviceId,
    DateTimeOffset From,
    DateTimeOffset To,
    int PeopleSeen,
    int Masked,
    int Unmasked,
    int DistanceViolations)
{
    public static SummaryPayload Create(PeriodSummary summary, string deviceId) => new(
        PayloadSchema.Version,
        deviceId,
        summary.From,
        summary.To,
        summary.PeopleSeen,
        summary.Masked,
        summary.Unmasked,
        summary.DistanceViolations);
}
