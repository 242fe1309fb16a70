using System.Text;

namespace EdgeMask.Capture.Sources;

/// <summary>
/// Splits a command line into program and arguments the way a POSIX shell splits words: blanks separate,
/// single quotes keep everything literal, double quotes group and honour \" and \\, a backslash escapes the
/// next character outside quotes. No variables, globs or pipes: the program is started directly.
/// </summary>
internal static class ShellWords
{
    /// <exception cref="FormatException">A quote is not closed or the line ends in a lone backslash.</exception>
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < commandLine.Length)
        {
            var c = commandLine[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                i++;
                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = commandLine.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"single quote at position {i + 1} is not closed");
                    }

                    word.Append(commandLine, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i = AppendDoubleQuoted(commandLine, i, word);
                    break;
                case '\\':
                    if (i + 1 >= commandLine.Length)
                    {
                        throw new FormatException("the command ends in a lone backslash");
                    }

                    word.Append(commandLine[i + 1]);
                    i += 2;
                    break;
                default:
                    word.Append(c);
                    i++;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static int AppendDoubleQuoted(string commandLine, int openQuote, StringBuilder word)
    {
        var i = openQuote + 1;
        while (i < commandLine.Length)
        {
            var c = commandLine[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\' && i + 1 < commandLine.Length && commandLine[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(commandLine[i + 1]);
                i += 2;
                continue;
            }

            word.Append(c);
            i++;
        }

        throw new FormatException($"double quote at position {openQuote + 1} is not closed");
    }
}
