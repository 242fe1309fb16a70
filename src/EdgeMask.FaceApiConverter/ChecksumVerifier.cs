using System.Security.Cryptography;

namespace EdgeMask.FaceApiConverter;

/// <summary>Checks files against pinned SHA-256 values before anything reads them.</summary>
internal static class ChecksumVerifier
{
    /// <exception cref="InvalidDataException">A file is missing or its SHA-256 differs from the pinned value.</exception>
    public static void Verify(string directory, IReadOnlyDictionary<string, string> expectedSha256)
    {
        foreach (var (fileName, expected) in expectedSha256)
        {
            var path = Path.Combine(directory, fileName);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"Pinned model file missing: {path}. Is {directory} the model/ folder of {FaceApiPackage.Description}?");
            }

            var actual = Sha256Hex(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"Checksum mismatch for {path}: SHA-256 is {actual}, pinned value is {expected}. " +
                    $"The file is not the one shipped in {FaceApiPackage.Description}; refusing to convert it.");
            }
        }
    }

    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
