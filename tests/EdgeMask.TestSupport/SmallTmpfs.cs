using System.Diagnostics;

namespace EdgeMask.TestSupport;

/// <summary>
/// A tmpfs of a few kilobytes mounted on a fresh temp folder: a real file system that runs out of space. Needs the
/// right to mount (root with CAP_SYS_ADMIN, as on the project's CI machine); <see cref="TryMount"/> says why not.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs? TryMount(int kilobytes, out string whyNot)
    {
        var path = RepoPaths.NewTempDirectory("tmpfs");
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0700", "tmpfs", path);
        if (exitCode != 0)
        {
            whyNot = $"cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN): {output.Trim()}";
            return null;
        }

        whyNot = string.Empty;
        return new SmallTmpfs(path);
    }

    /// <summary>Writes a filler file until the file system is full; returns its path (delete it to make room).</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            return filler;
        }
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
