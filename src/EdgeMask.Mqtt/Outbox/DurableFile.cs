namespace EdgeMask.Mqtt.Outbox;

/// <summary>Writes a file so that after a crash it is either absent or whole: temp file, fsync, rename, fsync the folder.</summary>
internal static class DurableFile
{
    public const string TempSuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
