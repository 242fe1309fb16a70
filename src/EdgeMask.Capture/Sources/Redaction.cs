using System.Text.RegularExpressions;

namespace EdgeMask.Capture.Sources;

/// <summary>Hides passwords in URLs (rtsp://user:secret@camera) before text reaches logs, health or errors.</summary>
public static partial class Redaction
{
    public static string MaskUrlPasswords(string text) => UrlPassword().Replace(text, "$1***@");

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]+:)[^@\s/]+@")]
    private static partial Regex UrlPassword();
}
