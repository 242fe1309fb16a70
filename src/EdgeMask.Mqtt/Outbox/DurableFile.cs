namespace EdgeMask.Mqtt.Outbox;

/// <summary>Writes a file so that after a crash it is either absent or whole: temp file, fsync, rename, fsync the folder.</summary>
internal static class DurableFile
{
    public const string TempSuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // A half-written temp file would hold on to the space a full disk is short of.
            File.Delete(temp);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
