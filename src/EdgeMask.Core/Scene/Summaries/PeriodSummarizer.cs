using EdgeMask.Core.Faces;

namespace EdgeMask.Core.Scene.Summaries;

/// <summary>
/// Counts people and distance violations per period. Periods are aligned to UTC multiples of their length (an
/// hour starts on the hour); a period's summary is produced by the first frame after it closes. Each person is
/// counted by the last decided verdict they had during the period.
/// </summary>
internal sealed class PeriodSummarizer
{
    private readonly Dictionary<int, MaskStatus> _people = [];
    private DateTimeOffset? _from;
    private int _distanceViolations;

    /// <summary>Closes the running period when <paramref name="now"/> is past its end; call before recording this frame.</summary>
    /// <returns>The closed period's summary, or null.</returns>
    public PeriodSummary? Advance(DateTimeOffset now, TimeSpan period, bool wornIncorrectlyIsViolation)
    {
        if (period <= TimeSpan.Zero)
        {
            Reset(null);
            return null;
        }

        if (_from is not { } from)
        {
            Reset(PeriodStart(now, period));
            return null;
        }

        var to = from + period;
        if (now < to)
        {
            return null;
        }

        var summary = Summarise(from, to, wornIncorrectlyIsViolation);
        Reset(PeriodStart(now, period));
        return summary;
    }

    /// <summary>Records a person in view and their verdict (uncertain ones are counted as seen only).</summary>
    public void RecordPerson(int trackId, MaskStatus lastDecidedVerdict)
    {
        if (_from is null)
        {
            return;
        }

        if (lastDecidedVerdict != MaskStatus.Uncertain || !_people.ContainsKey(trackId))
        {
            _people[trackId] = lastDecidedVerdict;
        }
    }

    public void RecordDistanceViolation()
    {
        if (_from is not null)
        {
            _distanceViolations++;
        }
    }

    internal static DateTimeOffset PeriodStart(DateTimeOffset at, TimeSpan period)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % period.Ticks), TimeSpan.Zero);
    }

    private PeriodSummary Summarise(DateTimeOffset from, DateTimeOffset to, bool wornIncorrectlyIsViolation)
    {
        var masked = 0;
        var unmasked = 0;
        foreach (var verdict in _people.Values)
        {
            switch (verdict)
            {
                case MaskStatus.Mask:
                case MaskStatus.WornIncorrectly when !wornIncorrectlyIsViolation:
                    masked++;
                    break;
                case MaskStatus.NoMask:
                case MaskStatus.WornIncorrectly:
                    unmasked++;
                    break;
            }
        }

        return new PeriodSummary(from, to, _people.Count, masked, unmasked, _distanceViolations);
    }

    private void Reset(DateTimeOffset? from)
    {
        _from = from;
        _people.Clear();
        _distanceViolations = 0;
    }
}
