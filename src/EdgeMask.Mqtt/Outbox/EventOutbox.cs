using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Mqtt.Outbox;

/// <summary>
/// A durable FIFO of event payloads: one file per event, named by its zero-padded sequence number and written
/// durably before it is offered for publishing; deleted only once the broker acknowledged it. Bounded by count and
/// bytes, and by the disk: when full the oldest events are dropped and counted; an event that cannot be stored at all
/// is counted as dropped and leaves a gap in the sequence numbers. The last sequence number is kept in a file of its own
/// so numbering continues after a restart even when the outbox was empty. Thread-safe.
/// </summary>
internal sealed class EventOutbox
{
    public const string EventSuffix = ".json";
    private const string SequenceFileName = "sequence";
    private const int SequenceDigits = 20;

    private readonly string _directory;
    private readonly int _maxEvents;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Queue<OutboxEntry> _entries = new();
    private long _bytes;
    private long _lastSequence;
    private long _dropped;
    private long? _failingSince;
    private int _burstDrops;
    private string? _burstReason;

    private EventOutbox(string directory, int maxEvents, long maxBytes, ILogger logger)
    {
        _directory = directory;
        _maxEvents = maxEvents;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    public string Directory => _directory;

    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Events dropped because the outbox was full, since it was opened.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Opens (creating if needed) the outbox in <paramref name="directory"/>, discarding temp files a crash left half-written.</summary>
    public static EventOutbox Open(string directory, int maxEvents, long maxBytes, ILogger logger)
    {
        var fullPath = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(fullPath);
        var outbox = new EventOutbox(fullPath, maxEvents, maxBytes, logger);
        outbox.Load();
        return outbox;
    }

    /// <summary>
    /// Takes the next sequence number, asks <paramref name="createPayload"/> for the event's bytes and stores them
    /// durably; returns once the event would survive a crash. When the disk is full the oldest waiting events are
    /// dropped to make room. When the event still cannot be stored (nothing left to drop, or the folder is not
    /// writable) it is counted as dropped and null is returned: its number stays taken, so consumers see the gap.
    /// One warning per run of failures, one line when storing works again.
    /// </summary>
    public OutboxEntry? Append(Func<long, byte[]> createPayload)
    {
        lock (_lock)
        {
            var sequence = _lastSequence + 1;
            var payload = createPayload(sequence);
            Interlocked.Exchange(ref _lastSequence, sequence);

            // A run of drops (one warning) ends with the first event stored without one (one summary line).
            var dropsBefore = _burstDrops;
            while (_entries.Count > 0 && (_entries.Count + 1 > _maxEvents || _bytes + payload.Length > _maxBytes))
            {
                DropOldest($"outbox full ({_maxEvents} events / {_maxBytes} bytes)");
            }

            var path = Path.Combine(_directory, FileName(sequence));
            while (true)
            {
                try
                {
                    DurableFile.Write(path, payload);
                    break;
                }
                catch (IOException ex) when (IsDiskFull(ex) && _entries.Count > 0)
                {
                    DropOldest("disk full");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    RecordStoreFailure(sequence, ex);
                    return null;
                }
            }

            PersistSequence(sequence);
            if (_burstDrops > 0 && _burstDrops == dropsBefore)
            {
                _logger.LogInformation("MQTT outbox: room again; {Count} oldest events were dropped ({Reason})", _burstDrops, _burstReason);
                _burstDrops = 0;
                _burstReason = null;
            }

            if (_failingSince is { } firstLost)
            {
                _logger.LogInformation("MQTT outbox: storing events again in {Directory}; events {First}-{Last} were lost", _directory, firstLost, sequence - 1);
                _failingSince = null;
            }

            var entry = new OutboxEntry(sequence, path, payload.Length);
            _entries.Enqueue(entry);
            Interlocked.Add(ref _bytes, payload.Length);
            return entry;
        }
    }

    /// <summary>The oldest event still waiting, or false when the outbox is empty.</summary>
    public bool TryPeek(out OutboxEntry entry)
    {
        lock (_lock)
        {
            return _entries.TryPeek(out entry!);
        }
    }

    /// <summary>Reads an entry's payload; null when it was dropped (outbox full) meanwhile.</summary>
    public async Task<byte[]?> ReadAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(entry.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes <paramref name="entry"/> after the broker acknowledged it. A no-op when it was dropped meanwhile.</summary>
    public void Acknowledge(OutboxEntry entry)
    {
        lock (_lock)
        {
            if (_entries.TryPeek(out var head) && head.Sequence == entry.Sequence)
            {
                _entries.Dequeue();
                Interlocked.Add(ref _bytes, -head.SizeBytes);
                File.Delete(head.Path);
            }
        }
    }

    private string SequenceFilePath => Path.Combine(_directory, SequenceFileName);

    private static string FileName(long sequence) => sequence.ToString(new string('0', SequenceDigits), CultureInfo.InvariantCulture) + EventSuffix;

    private void DropOldest(string reason)
    {
        var oldest = _entries.Dequeue();
        Interlocked.Add(ref _bytes, -oldest.SizeBytes);
        Interlocked.Increment(ref _dropped);
        File.Delete(oldest.Path);
        if (_burstDrops == 0 || _burstReason != reason)
        {
            _logger.LogWarning("MQTT outbox: {Reason}: dropping the oldest waiting events to keep the newest (first dropped: {Sequence})", reason, oldest.Sequence);
            _burstReason = reason;
        }

        _burstDrops++;
    }

    private void RecordStoreFailure(long sequence, Exception exception)
    {
        Interlocked.Increment(ref _dropped);
        if (_failingSince is null)
        {
            _failingSince = sequence;
            _logger.LogWarning("MQTT outbox: cannot store events in {Directory} ({Error}); event {Sequence} and any more until it can are lost and counted as dropped", _directory, exception.Message, sequence);
        }
    }

    // The last number is also in the event files' names, so a failure here only matters to an empty outbox after a
    // restart; the next stored event writes it again.
    private void PersistSequence(long sequence)
    {
        try
        {
            DurableFile.Write(SequenceFilePath, System.Text.Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug("MQTT outbox: could not update the sequence file: {Error}", ex.Message);
        }
    }

    // ENOSPC and EDQUOT, as .NET reports them on Linux (the errno is the HResult of the IOException it raises).
    private static bool IsDiskFull(IOException exception) => exception.HResult is 28 or 122;

    private void Load()
    {
        foreach (var temp in System.IO.Directory.EnumerateFiles(_directory, "*" + DurableFile.TempSuffix))
        {
            _logger.LogWarning("MQTT outbox: removing half-written {File} left by a crash", Path.GetFileName(temp));
            File.Delete(temp);
        }

        var found = new List<OutboxEntry>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory, "*" + EventSuffix))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (stem.Length != SequenceDigits || !long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                continue;
            }

            var size = new FileInfo(path).Length;
            if (size == 0)
            {
                _logger.LogWarning("MQTT outbox: removing empty event file {File}", Path.GetFileName(path));
                File.Delete(path);
                continue;
            }

            found.Add(new OutboxEntry(sequence, path, size));
        }

        foreach (var entry in found.OrderBy(e => e.Sequence))
        {
            _entries.Enqueue(entry);
            _bytes += entry.SizeBytes;
        }

        var stored = ReadStoredSequence();
        _lastSequence = Math.Max(stored, found.Count == 0 ? 0 : found.Max(e => e.Sequence));
        if (found.Count > 0)
        {
            _logger.LogInformation("MQTT outbox: {Count} events ({Bytes} bytes) waiting from before the restart", found.Count, _bytes);
        }
    }

    private long ReadStoredSequence()
    {
        if (!File.Exists(SequenceFilePath))
        {
            return 0;
        }

        var text = File.ReadAllText(SequenceFilePath).Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _logger.LogWarning("MQTT outbox: sequence file holds '{Text}', not a number; continuing from the queued events", text);
        return 0;
    }
}
