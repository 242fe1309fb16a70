namespace EdgeMask.Hosting;

/// <summary>
/// The one line a failing daemon leaves on stderr. Under systemd (stderr connected to the journal) it starts with
/// the sd-daemon priority prefix "&lt;3&gt;" (error), so <c>journalctl -p warning</c> shows it; elsewhere plain text.
/// </summary>
public static class FatalLine
{
    public static string Format(string message) => Format(message, Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null);

    public static string Format(string message, bool toJournal) => (toJournal ? "<3>" : string.Empty) + "edgemask: " + message;
}
