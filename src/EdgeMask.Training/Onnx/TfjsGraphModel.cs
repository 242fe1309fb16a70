using System.Text;
using System.Text.Json;

namespace EdgeMask.Training.Onnx;

/// <summary>One node of a TensorFlow.js graph model: its op, inputs (node names, ":n" output suffixes removed) and attributes.</summary>
public sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonElement Attributes)
{
    /// <summary>A string attribute (TF.js stores them base64-encoded), or null.</summary>
    public string? Text(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("s", out var s)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString()!))
            : null;

    /// <summary>An integer-list attribute, or null.</summary>
    public long[]? Ints(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("list", out var list)
            ? list.TryGetProperty("i", out var i) ? [.. i.EnumerateArray().Select(v => long.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture))] : []
            : null;

    /// <summary>A boolean attribute, or null.</summary>
    public bool? Flag(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("b", out var b) ? b.GetBoolean() : null;

    /// <summary>A string-list attribute (base64 in TF.js), or empty.</summary>
    public IReadOnlyList<string> Texts(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out var a) && a.TryGetProperty("list", out var list) && list.TryGetProperty("s", out var s)
            ? [.. s.EnumerateArray().Select(v => Encoding.UTF8.GetString(Convert.FromBase64String(v.GetString()!)))]
            : [];
}

/// <summary>A constant of a TF.js graph model, dequantized to float32 (int32 constants are stored as floats too).</summary>
public sealed record TfjsTensor(int[] Shape, float[] Values);

/// <summary>
/// A TensorFlow.js graph model ("format": "graph-model"): model.json's node list and its weight shards, with
/// float16- and uint8-quantized weights expanded to float32. Only what a converter needs; no execution.
/// </summary>
public sealed class TfjsGraphModel
{
    private TfjsGraphModel(IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> constants)
    {
        Nodes = nodes;
        Constants = constants;
    }

    public IReadOnlyList<TfjsNode> Nodes { get; }

    public IReadOnlyDictionary<string, TfjsTensor> Constants { get; }

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var root = document.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.GetString() != "graph-model" || !root.TryGetProperty("modelTopology", out var topology))
        {
            throw new InvalidDataException($"'{modelJsonPath}' is not a TensorFlow.js graph model (format 'graph-model' with a modelTopology).");
        }

        var nodes = topology.GetProperty("node").EnumerateArray().Select(n => new TfjsNode(
            n.GetProperty("name").GetString()!,
            n.GetProperty("op").GetString()!,
            n.TryGetProperty("input", out var inputs) ? [.. inputs.EnumerateArray().Select(i => i.GetString()!.Split(':')[0])] : [],
            n.TryGetProperty("attr", out var attr) ? attr.Clone() : default)).ToList();

        var folder = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
        var constants = new Dictionary<string, TfjsTensor>();
        foreach (var group in root.GetProperty("weightsManifest").EnumerateArray())
        {
            var bytes = group.GetProperty("paths").EnumerateArray().SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!))).ToArray();
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString()!;
                int[] shape = [.. weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
                var count = shape.Aggregate(1, (a, b) => a * b);
                var values = new float[count];
                offset += Read(bytes, offset, weight, values, name, modelJsonPath);
                constants[name] = new TfjsTensor(shape, values);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"'{modelJsonPath}': the weight shards hold {bytes.Length} bytes but the manifest describes {offset}.");
            }
        }

        return new TfjsGraphModel(nodes, constants);
    }

    /// <returns>The bytes consumed.</returns>
    private static int Read(byte[] bytes, int offset, JsonElement weight, float[] values, string name, string path)
    {
        var dtype = weight.GetProperty("dtype").GetString();
        var quantization = weight.TryGetProperty("quantization", out var q) ? q.GetProperty("dtype").GetString() : null;
        var size = quantization switch { "float16" => 2, "uint8" => 1, null => 4, _ => 0 };
        if (size == 0 || dtype is not ("float32" or "int32"))
        {
            throw new InvalidDataException($"'{path}': weight '{name}' is {dtype} quantized as {quantization}; only float32/int32, float16 and uint8 are read.");
        }

        if (offset + (values.Length * size) > bytes.Length)
        {
            throw new InvalidDataException($"'{path}': the weight shards end inside weight '{name}'.");
        }

        var span = bytes.AsSpan(offset, values.Length * size);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = quantization switch
            {
                "float16" => (float)BitConverter.ToHalf(span.Slice(i * 2, 2)),
                "uint8" => (float)((span[i] * q.GetProperty("scale").GetDouble()) + q.GetProperty("min").GetDouble()),
                _ => dtype == "int32" ? BitConverter.ToInt32(span.Slice(i * 4, 4)) : BitConverter.ToSingle(span.Slice(i * 4, 4)),
            };
        }

        return values.Length * size;
    }
}
