using System.Buffers.Binary;

namespace EdgeMask.FaceApiConverter;

/// <summary>Reads the binary files a tfjs manifest names and dequantizes every entry to float32.</summary>
internal static class WeightsReader
{
    public static IReadOnlyDictionary<string, WeightTensor> Read(string manifestPath)
    {
        var groups = WeightsManifest.Load(manifestPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var bytes = group.Paths.SelectMany(path => ReadBinary(Path.Combine(directory, path))).ToArray();
            foreach (var tensor in Decode(group.Weights, bytes, string.Join(", ", group.Paths)))
            {
                if (!tensors.TryAdd(tensor.Name, tensor))
                {
                    throw new InvalidDataException($"{manifestPath}: weight '{tensor.Name}' appears twice.");
                }
            }
        }

        return tensors;
    }

    /// <summary>Splits one group's concatenated binary into tensors, in manifest order.</summary>
    /// <param name="source">Named in error messages.</param>
    public static IReadOnlyList<WeightTensor> Decode(IReadOnlyList<WeightEntry> entries, ReadOnlySpan<byte> bytes, string source)
    {
        var expected = entries.Sum(entry => (long)entry.ByteLength);
        if (expected != bytes.Length)
        {
            throw new InvalidDataException($"{source}: the manifest describes {expected} bytes of weights but the binary holds {bytes.Length}.");
        }

        var tensors = new List<WeightTensor>(entries.Count);
        var offset = 0;
        foreach (var entry in entries)
        {
            var slice = bytes.Slice(offset, entry.ByteLength);
            tensors.Add(new WeightTensor(entry.Name, entry.Shape, DecodeValues(entry, slice)));
            offset += entry.ByteLength;
        }

        return tensors;
    }

    private static float[] DecodeValues(WeightEntry entry, ReadOnlySpan<byte> bytes)
    {
        var values = new float[entry.ElementCount];
        if (entry.Quantization is { } q)
        {
            for (var i = 0; i < values.Length; i++)
            {
                double quantized = q.Dtype == "uint8" ? bytes[i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
                var value = q.Min + (quantized * q.Scale);
                values[i] = (float)(entry.Dtype == "int32" ? Math.Round(value) : value);
            }

            return values;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = entry.Dtype == "int32"
                ? BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..])
                : BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
        }

        return values;
    }

    private static byte[] ReadBinary(string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"Weights binary not found: {path}", path);
}
