using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeMask.Capture.Sources;

/// <summary>A V4L2 camera named by index ("0") or by path ("/dev/video0").</summary>
internal sealed record CameraDevice(int? Index, string Path)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out CameraDevice? device)
    {
        device = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            device = new CameraDevice(index, $"/dev/video{index}");
            return true;
        }

        if (text.StartsWith("/dev/", StringComparison.Ordinal) && text.Length > "/dev/".Length)
        {
            device = new CameraDevice(null, text);
            return true;
        }

        return false;
    }

    public override string ToString() => Path;
}
