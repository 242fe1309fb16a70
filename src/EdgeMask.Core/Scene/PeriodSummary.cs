namespace EdgeMask.Core.Scene;

/// <summary>Counts over one summary period (e.g. an hour): people seen and their verdicts, distance violations.</summary>
public sealed record PeriodSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int PeopleSeen,
    int Masked,
    int Unmasked,
    int DistanceViolations);
