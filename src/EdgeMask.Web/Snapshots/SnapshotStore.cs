using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web.Snapshots;

/// <summary>
/// Incident snapshots on disk, one JPEG per incident named by its snapshot id, with bounded retention: past
/// <see cref="SnapshotOptions.MaxCount"/> files or <see cref="SnapshotOptions.MaxBytes"/> bytes the oldest are deleted.
/// A write that fails (full disk, folder gone) is logged once per run of failures and counted; it never throws.
/// </summary>
internal sealed class SnapshotStore
{
    private const string Extension = ".jpg";

    private readonly SnapshotOptions _options;
    private readonly ILogger<SnapshotStore> _logger;
    private readonly Lock _lock = new();
    private bool _failing;

    public SnapshotStore(IOptions<SnapshotOptions> options, ILogger<SnapshotStore> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public long Stored { get; private set; }

    public long Failed { get; private set; }

    public long Removed { get; private set; }

    /// <returns>True when the picture is on disk.</returns>
    public bool TrySave(string id, byte[] jpeg)
    {
        if (!Mqtt.SnapshotIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a snapshot id", nameof(id));
        }

        lock (_lock)
        {
            var path = Path.Combine(_options.Directory, id + Extension);

            // A full disk may be full of our own old snapshots: the oldest make room for the newest, once.
            if (!TryWrite(path, jpeg, out var failure) && (!FreeOldest(jpeg.Length) || !TryWrite(path, jpeg, out failure)))
            {
                Failed++;
                if (!_failing)
                {
                    _failing = true;
                    _logger.LogWarning("Snapshot {Id} could not be stored in {Directory} ({Reason}); detection and events go on without it", id, _options.Directory, failure);
                }

                return false;
            }

            Stored++;
            if (_failing)
            {
                _failing = false;
                _logger.LogInformation("Snapshots are stored again in {Directory}", _options.Directory);
            }

            EnforceRetention();
            return true;
        }
    }

    /// <summary>The file of a stored snapshot; null for an unknown or malformed id.</summary>
    public string? PathOf(string id)
    {
        if (!Mqtt.SnapshotIds.IsValid(id))
        {
            return null;
        }

        var path = Path.Combine(_options.Directory, id + Extension);
        return File.Exists(path) ? path : null;
    }

    private bool TryWrite(string path, byte[] jpeg, out string? failure)
    {
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(_options.Directory);
            File.WriteAllBytes(temporary, jpeg);
            File.Move(temporary, path, overwrite: true);
            failure = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            failure = ex.Message;
            return false;
        }
    }

    /// <returns>True when at least <paramref name="bytes"/> bytes of old snapshots were deleted.</returns>
    private bool FreeOldest(long bytes)
    {
        var freed = 0L;
        foreach (var oldest in OldestFirst())
        {
            if (freed >= bytes)
            {
                break;
            }

            if (TryDelete(oldest.FullName))
            {
                Removed++;
                freed += oldest.Length;
            }
        }

        return freed >= bytes;
    }

    private FileInfo[] OldestFirst()
    {
        try
        {
            var files = new DirectoryInfo(_options.Directory).GetFiles("*" + Extension);
            Array.Sort(files, (a, b) => a.LastWriteTimeUtc.CompareTo(b.LastWriteTimeUtc));
            return files;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private void EnforceRetention()
    {
        var files = OldestFirst();
        var count = files.Length;
        var bytes = files.Sum(f => f.Length);
        foreach (var oldest in files)
        {
            if (count <= _options.MaxCount && bytes <= _options.MaxBytes)
            {
                break;
            }

            if (TryDelete(oldest.FullName))
            {
                Removed++;
            }

            count--;
            bytes -= oldest.Length;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
