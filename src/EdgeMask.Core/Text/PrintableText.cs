using System.Globalization;
using System.Text;

namespace EdgeMask.Core.Text;

/// <summary>
/// Makes text from outside (MQTT topics and payloads) safe to write into a log or a terminal: control characters
/// (NUL, BEL, ESC, line breaks) and invisible format characters (a right-to-left override reorders what a reader
/// sees) become <c>\uXXXX</c> escapes; everything else is kept.
/// </summary>
public static class PrintableText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
