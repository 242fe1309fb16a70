namespace EdgeMask.Hosting;

/// <summary>Process exit codes, from sysexits.h so systemd units and scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>Wrong command-line usage.</summary>
    public const int Usage = 64;

    /// <summary>An input file (video, model) cannot be opened or is malformed.</summary>
    public const int NoInput = 66;

    /// <summary>A required native library is missing (e.g. OpenCvSharpExtern on arm64).</summary>
    public const int Unavailable = 69;

    /// <summary>Invalid configuration. The unit's RestartPreventExitStatus stops a crash loop on it.</summary>
    public const int Config = 78;
}
