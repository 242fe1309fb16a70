using EdgeMask.Classification;
using EdgeMask.Configuration;
using EdgeMask.Detection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Hosting;

/// <summary>Turns an exception thrown while the daemon starts into one clear message and an exit code.</summary>
public sealed record StartupFailure(int ExitCode, string Message)
{
    public const string OpenCvSharpArm64Fix = "sudo /usr/lib/edgemask/deploy/build-opencvsharp-arm64.sh";

    public static StartupFailure? TryExplain(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                return new StartupFailure(
                    ExitCodes.Config,
                    "invalid configuration: " + string.Join("; ", validation.Failures.Select(SingleLine)));
            case InvalidConfigurationException invalid:
                return new StartupFailure(ExitCodes.Config, "invalid configuration: " + SingleLine(invalid.Message));
            case InvalidOperationException bind when IsBindingError(bind):
                return new StartupFailure(ExitCodes.Config, "invalid configuration: " + SingleLine(bind.Message));
            case MaskModelException model:
                return new StartupFailure(ExitCodes.NoInput, "unusable mask model: " + SingleLine(model.Message));
            case FaceDetectorException detector:
                return new StartupFailure(ExitCodes.NoInput, "unusable face detector: " + SingleLine(detector.Message));
            case DllNotFoundException dll:
                return NativeLibraryMissing(dll);
            case TypeInitializationException { InnerException: DllNotFoundException dll }:
                return NativeLibraryMissing(dll);
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                return TryExplain(aggregate.InnerExceptions[0]);
            case { InnerException: { } inner }:
                return TryExplain(inner);
            default:
                return null;
        }
    }

    private static StartupFailure NativeLibraryMissing(DllNotFoundException dll)
    {
        var message = "a native library is missing: " + SingleLine(dll.Message);
        if (dll.Message.Contains("OpenCvSharpExtern", StringComparison.Ordinal))
        {
            message += System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
                ? $". On arm64 build it once on the device with: {OpenCvSharpArm64Fix}"
                : ". Install OpenCV's runtime dependencies with: sudo apt-get install libgtk-3-0";
        }

        return new StartupFailure(ExitCodes.Unavailable, message);
    }

    // The configuration binder reports type mismatches and unknown keys as InvalidOperationException.
    private static bool IsBindingError(InvalidOperationException exception) =>
        exception.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase);

    private static string SingleLine(string text) => Capture.Sources.Redaction.MaskUrlPasswords(text.ReplaceLineEndings(" ").Trim());
}
