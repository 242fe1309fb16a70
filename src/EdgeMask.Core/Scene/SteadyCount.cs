namespace EdgeMask.Core.Scene;

/// <summary>
/// The number of people in view as dashboards should see it: a new count replaces the old one only after it has held
/// for the settle time (frame time), so a person who drops out of tracking for a moment does not make the count, and
/// Home Assistant's history, flap 0/1/2 every second.
/// </summary>
internal sealed class SteadyCount
{
    private int _steady;
    private int _candidate;
    private DateTimeOffset _candidateSince;
    private bool _started;

    public int Update(int observed, DateTimeOffset now, TimeSpan settle)
    {
        if (!_started)
        {
            (_steady, _candidate, _candidateSince, _started) = (observed, observed, now, true);
            return _steady;
        }

        if (observed != _candidate)
        {
            (_candidate, _candidateSince) = (observed, now);
        }

        if (_candidate != _steady && now - _candidateSince >= settle)
        {
            _steady = _candidate;
        }

        return _steady;
    }
}
