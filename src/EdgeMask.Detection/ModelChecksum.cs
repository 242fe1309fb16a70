using System.Security.Cryptography;

namespace EdgeMask.Detection;

/// <summary>Checks that a model file is the one the configuration expects, before any native code parses it.</summary>
public static class ModelChecksum
{
    /// <summary>True for 64 hexadecimal digits, either case.</summary>
    public static bool IsWellFormed(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigit);

    /// <summary>The file's SHA-256 as 64 lower-case hexadecimal digits.</summary>
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <exception cref="FaceDetectorException">The file is missing, unreadable or has another SHA-256; the message names the file, both hashes and <paramref name="key"/>.</exception>
    public static void Verify(string path, string expectedSha256, string key)
    {
        string actual;
        try
        {
            actual = Compute(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FaceDetectorException($"Face detector model '{path}' does not exist ({key}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceDetectorException($"Face detector model '{path}' cannot be read: {ex.Message}", ex);
        }

        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new FaceDetectorException(
                $"Face detector model '{path}' has SHA-256 {actual}, but {key} expects {expectedSha256.ToLowerInvariant()}: " +
                "the file is damaged or not the configured model. Reinstall it, or set both the path and its SHA-256 for another model.");
        }
    }
}
