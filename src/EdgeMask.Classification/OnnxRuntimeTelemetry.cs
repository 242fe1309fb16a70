using System.Runtime.InteropServices;

namespace EdgeMask.Classification;

/// <summary>
/// ONNX Runtime (1.2x and later, Linux included) sends usage telemetry to Microsoft unless told not to: a camera at a
/// door must send nothing it was not told to. Call <see cref="TurnOff"/> first thing in a process, before any model is
/// loaded: the runtime reads ORT_DISABLE_TELEMETRY from the C environment when it starts, which .NET's own
/// Environment.SetEnvironmentVariable does not write on Unix, so it is set through libc as well. Loading no native
/// library itself, it is safe even for `edgemask --help` on a device whose ONNX Runtime cannot load.
/// </summary>
public static class OnnxRuntimeTelemetry
{
    public const string DisableVariable = "ORT_DISABLE_TELEMETRY";

    public static void TurnOff()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = NativeMethods.setenv(DisableVariable, "1", 1);
        }

        Environment.SetEnvironmentVariable(DisableVariable, "1");
    }

    private static class NativeMethods
    {
        [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setenv(string name, string value, int overwrite);
    }
}
