using EdgeMask.Capture.Sources;
using Microsoft.Extensions.Options;

namespace EdgeMask.Capture;

/// <summary>Cross-field rules of <see cref="CaptureOptions"/>; every failure names the full configuration key.</summary>
internal sealed class CaptureOptionsValidator : IValidateOptions<CaptureOptions>
{
    private const string Section = CaptureOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Source))
        {
            failures.Add($"{Section}:Source must be Camera, File or Pipe, got '{options.Source}'");
        }

        if (!Enum.IsDefined(options.Pacing))
        {
            failures.Add($"{Section}:Pacing must be FilePace or AsFastAsPossible, got '{options.Pacing}'");
        }

        if (!Enum.IsDefined(options.PipePixelFormat))
        {
            failures.Add($"{Section}:PipePixelFormat must be Bgr24, Yuv420p or Gray, got '{options.PipePixelFormat}'");
        }

        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"{Section}:ReconnectMaxDelay ({options.ReconnectMaxDelay}) must not be shorter than {Section}:ReconnectInitialDelay ({options.ReconnectInitialDelay})");
        }

        switch (options.Source)
        {
            case CaptureSourceKind.Camera:
                ValidateCamera(options, failures);
                break;
            case CaptureSourceKind.File:
                if (string.IsNullOrWhiteSpace(options.Path))
                {
                    failures.Add($"{Section}:Path is required when {Section}:Source is File (the video file to read)");
                }

                break;
            case CaptureSourceKind.Pipe:
                ValidatePipe(options, failures);
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCamera(CaptureOptions options, List<string> failures)
    {
        if (!CameraDevice.TryParse(options.Device, out _))
        {
            failures.Add($"{Section}:Device must be a camera index (0, 1, ...) or a device path such as /dev/video0, got '{options.Device}'");
        }
    }

    private static void ValidatePipe(CaptureOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Command))
        {
            failures.Add($"{Section}:Command is required when {Section}:Source is Pipe (a program writing raw frames to stdout, e.g. ffmpeg ... -f rawvideo -pix_fmt bgr24 -)");
        }
        else
        {
            try
            {
                ShellWords.Split(options.Command);
            }
            catch (FormatException ex)
            {
                failures.Add($"{Section}:Command cannot be split into program and arguments: {ex.Message}");
            }
        }

        if (options.PipeFrameWidth < 16)
        {
            failures.Add($"{Section}:PipeFrameWidth must be 16-7680 pixels when {Section}:Source is Pipe (the width of the frames the command writes), got {options.PipeFrameWidth}");
        }

        if (options.PipeFrameHeight < 16)
        {
            failures.Add($"{Section}:PipeFrameHeight must be 16-4320 pixels when {Section}:Source is Pipe (the height of the frames the command writes), got {options.PipeFrameHeight}");
        }

        if (options.PipePixelFormat == PipePixelFormat.Yuv420p && (options.PipeFrameWidth % 2 != 0 || options.PipeFrameHeight % 2 != 0))
        {
            failures.Add($"{Section}:PipeFrameWidth and {Section}:PipeFrameHeight must be even for {Section}:PipePixelFormat Yuv420p (chroma is half resolution), got {options.PipeFrameWidth}x{options.PipeFrameHeight}");
        }
    }
}
