namespace EdgeMask.Core.Storage;

/// <summary>
/// Whether a state folder (outbox, snapshots) can be used, checked at start-up without touching files that may be in use: the
/// folder (or its nearest existing parent, where the folder would be created) must be a folder this process can
/// write to. A probe file is created and deleted at once.
/// </summary>
public static class WritableDirectory
{
    /// <summary>Null when usable, else what is wrong, to follow the folder's name.</summary>
    public static string? Problem(string directory)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(directory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a usable path: {ex.Message}";
        }

        if (File.Exists(fullPath))
        {
            return "is a file, not a folder";
        }

        var existing = fullPath;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return "cannot be created: no part of the path exists";
            }

            if (File.Exists(existing))
            {
                return $"cannot be created: '{existing}' is a file";
            }
        }

        var probe = Path.Combine(existing, $".edgemask-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var what = existing == fullPath ? "is not writable" : $"cannot be created in '{existing}'";
            return $"{what}: {ex.Message}";
        }
    }
}
