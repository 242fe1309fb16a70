using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EdgeMask.Training.Data;

/// <summary>Train / validation fractions; the rest is the test split. Default 0.70 / 0.15 (test 0.15).</summary>
public sealed record SplitFractions(double Train = 0.70, double Validation = 0.15)
{
    public static SplitFractions Default { get; } = new();

    /// <summary>The split a file name hashes to: the first 8 bytes of SHA-256(name) as a fraction of 2^64.</summary>
    public DataSplit SplitOf(string fileName)
    {
        if (Train <= 0 || Validation < 0 || Train + Validation > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fileName), $"Split fractions train={Train} validation={Validation} must be > 0, >= 0 and add up to at most 1.");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fileName));
        var position = BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue;
        return position < Train ? DataSplit.Train : position < Train + Validation ? DataSplit.Validation : DataSplit.Test;
    }
}
