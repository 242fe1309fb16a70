namespace EdgeMask.Capture.Sources;

/// <summary>The last lines a child process wrote to stderr, kept so an error can say what the process said.</summary>
internal sealed class StderrTail
{
    private const int MaxLineLength = 300;
    private readonly Queue<string> _lines = new();
    private readonly int _maxLines;
    private readonly Lock _lock = new();

    public StderrTail(int maxLines = 10) => _maxLines = maxLines;

    public void Add(string line)
    {
        line = line.Trim();
        if (line.Length == 0)
        {
            return;
        }

        if (line.Length > MaxLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaxLineLength), "...");
        }

        lock (_lock)
        {
            if (_lines.Count == _maxLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(Redaction.MaskUrlPasswords(line));
        }
    }

    /// <summary>The kept lines joined with " | ", or "(no stderr output)".</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "(no stderr output)" : string.Join(" | ", _lines);
        }
    }
}
