using EdgeMask.FaceApiConverter;

namespace EdgeMask.FaceApiConverter.Tests;

public sealed class ChecksumVerifierTests
{
    [Fact]
    public void Verify_MatchingFile_Passes()
    {
        var dir = RepoPaths.NewTempDirectory("checksum");
        var path = Path.Combine(dir, "model.bin");
        File.WriteAllText(path, "face");

        ChecksumVerifier.Verify(dir, new Dictionary<string, string> { ["model.bin"] = ChecksumVerifier.Sha256Hex(path) });
    }

    [Fact]
    public void Verify_ChangedFile_ThrowsNamingFileAndBothHashes()
    {
        var dir = RepoPaths.NewTempDirectory("checksum");
        var path = Path.Combine(dir, "model.bin");
        File.WriteAllText(path, "face");
        var actual = ChecksumVerifier.Sha256Hex(path);
        var pinned = new string('0', 64);

        var ex = Assert.Throws<InvalidDataException>(() => ChecksumVerifier.Verify(dir, new Dictionary<string, string> { ["model.bin"] = pinned }));

        Assert.Contains("Checksum mismatch", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains(actual, ex.Message);
        Assert.Contains(pinned, ex.Message);
    }

    [Fact]
    public void Sha256Hex_KnownContent_GivesLowercaseHex()
    {
        var dir = RepoPaths.NewTempDirectory("checksum");
        var path = Path.Combine(dir, "face.txt");
        File.WriteAllText(path, "face");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("face"u8)), ChecksumVerifier.Sha256Hex(path));
    }

    [Fact]
    public void Verify_MissingFile_ThrowsNamingIt()
    {
        var dir = RepoPaths.NewTempDirectory("checksum");

        var ex = Assert.Throws<InvalidDataException>(() => ChecksumVerifier.Verify(dir, new Dictionary<string, string> { ["model.bin"] = new string('a', 64) }));

        Assert.Contains(Path.Combine(dir, "model.bin"), ex.Message);
    }

    [Fact]
    public void Convert_TamperedPackageFile_RefusesBeforeWritingModels()
    {
        var dir = RepoPaths.NewTempDirectory("checksum");
        foreach (var name in FaceApiPackage.ModelFileSha256.Keys)
        {
            File.WriteAllText(Path.Combine(dir, name), "not the pinned file");
        }

        var output = Path.Combine(dir, "out");
        var ex = Assert.Throws<InvalidDataException>(() => FaceApiModelConverter.Convert(dir, output, FaceApiPackage.ModelFileSha256));

        Assert.Contains("Checksum mismatch", ex.Message);
        Assert.False(Directory.Exists(output));
    }
}
