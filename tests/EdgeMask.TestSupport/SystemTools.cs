namespace EdgeMask.TestSupport;

/// <summary>Paths of Debian packages the tests use; the set-up script installs them.</summary>
public static class SystemTools
{
    public const string HaarCascadeDirectory = "/usr/share/opencv4/haarcascades";
    public const string FrontalFaceDefault = HaarCascadeDirectory + "/haarcascade_frontalface_default.xml";

    /// <summary>Sample photos with faces from Debian's opencv-doc package.</summary>
    public const string OpenCvSamples = "/usr/share/doc/opencv-doc/examples/data";

    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var dir in new[] { "/usr/sbin", "/sbin" })
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Returns the program's path; fails the test (not skips) when it is missing, since set-up installs it.</summary>
    public static string Require(string program) =>
        Which(program) ?? throw new InvalidOperationException($"'{program}' is not installed; run ./build.sh setup (it installs the apt packages the tests need).");

    public static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
