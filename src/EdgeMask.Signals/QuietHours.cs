namespace EdgeMask.Signals;

/// <summary>
/// A daily window of local time in which the buzzer stays silent; LEDs keep working. Both ends set, e.g.
/// "22:00" and "07:00" (the window may cross midnight), or both empty to disable. Start is inclusive, End exclusive.
/// </summary>
public sealed class QuietHours
{
    /// <summary>Local time the silence begins ("22:00"). Default none.</summary>
    public TimeOnly? Start { get; set; }

    /// <summary>Local time the silence ends ("07:00"). Default none.</summary>
    public TimeOnly? End { get; set; }

    public bool IsEnabled => Start is not null && End is not null;

    public bool Contains(TimeOnly localTime)
    {
        if (Start is not { } start || End is not { } end)
        {
            return false;
        }

        return start <= end
            ? localTime >= start && localTime < end
            : localTime >= start || localTime < end;
    }
}
