namespace EdgeMask.Training.Training;

/// <summary>
/// Seeds derived from several values that are the same in every process (unlike HashCode.Combine, which is
/// randomised per process), so a fixed seed reproduces a run.
/// </summary>
public static class StableSeed
{
    public static int Of(params long[] values)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var value in values)
        {
            state = Mix(state ^ (ulong)value);
        }

        return (int)(state & 0x7FFFFFFF);
    }

    /// <summary>FNV-1a of the text, for seeding by file name.</summary>
    public static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
