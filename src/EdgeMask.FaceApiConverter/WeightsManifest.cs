using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeMask.FaceApiConverter;

/// <summary>One group of a tfjs weights manifest: the binary files (read in order, concatenated) and their entries.</summary>
internal sealed record WeightsGroup(IReadOnlyList<string> Paths, IReadOnlyList<WeightEntry> Weights);

/// <summary>One tensor in a tfjs weights manifest.</summary>
internal sealed record WeightEntry(string Name, IReadOnlyList<int> Shape, string Dtype, WeightQuantization? Quantization)
{
    public int ElementCount => Shape.Aggregate(1, (product, dim) => product * dim);

    /// <summary>Bytes the entry takes in the binary: quantized entries store their quantized dtype.</summary>
    public int ByteLength => ElementCount * WeightsManifest.BytesPerElement(Quantization?.Dtype ?? Dtype, Name);
}

/// <summary>Affine quantization as tfjs writes it: value = min + q * scale.</summary>
internal sealed record WeightQuantization(string Dtype, double Scale, double Min);

/// <summary>Parses a tfjs <c>*-weights_manifest.json</c> file.</summary>
internal static class WeightsManifest
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static IReadOnlyList<WeightsGroup> Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Weights manifest not found: {manifestPath}", manifestPath);
        }

        return Parse(File.ReadAllText(manifestPath), manifestPath);
    }

    /// <param name="source">Named in error messages.</param>
    public static IReadOnlyList<WeightsGroup> Parse(string json, string source)
    {
        List<WeightsGroup>? groups;
        try
        {
            groups = JsonSerializer.Deserialize<List<WeightsGroup>>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a tfjs weights manifest (expected a JSON array of {{paths, weights}}): {ex.Message}", ex);
        }

        if (groups is null || groups.Count == 0)
        {
            throw new InvalidDataException($"{source}: the weights manifest has no groups.");
        }

        foreach (var group in groups)
        {
            Validate(group, source);
        }

        return groups;
    }

    public static int BytesPerElement(string dtype, string entryName) => dtype switch
    {
        "uint8" or "bool" => 1,
        "uint16" or "float16" => 2,
        "float32" or "int32" => 4,
        _ => throw new InvalidDataException($"Weight '{entryName}': unsupported dtype '{dtype}' (expected float32, int32, uint8 or uint16)."),
    };

    private static void Validate(WeightsGroup group, string source)
    {
        if (group.Paths is null || group.Paths.Count == 0)
        {
            throw new InvalidDataException($"{source}: a manifest group has no 'paths'.");
        }

        if (group.Weights is null || group.Weights.Count == 0)
        {
            throw new InvalidDataException($"{source}: a manifest group has no 'weights'.");
        }

        foreach (var entry in group.Weights)
        {
            if (string.IsNullOrEmpty(entry.Name) || entry.Shape is null || entry.Dtype is null)
            {
                throw new InvalidDataException($"{source}: a weight entry lacks name, shape or dtype.");
            }

            if (entry.Shape.Any(dim => dim < 0))
            {
                throw new InvalidDataException($"{source}: weight '{entry.Name}' has a negative dimension in shape [{string.Join(", ", entry.Shape)}].");
            }

            if (entry.Dtype is not ("float32" or "int32"))
            {
                throw new InvalidDataException($"{source}: weight '{entry.Name}' has dtype '{entry.Dtype}'; only float32 and int32 are supported.");
            }

            if (entry.Quantization is { } q)
            {
                if (q.Dtype is not ("uint8" or "uint16"))
                {
                    throw new InvalidDataException($"{source}: weight '{entry.Name}' uses quantization dtype '{q.Dtype}'; only uint8 and uint16 are supported.");
                }

                if (!(q.Scale > 0) || !double.IsFinite(q.Min))
                {
                    throw new InvalidDataException($"{source}: weight '{entry.Name}' has an invalid quantization (scale {q.Scale}, min {q.Min}).");
                }
            }
        }
    }
}
