using System.Text.Json.Nodes;

namespace EdgeMask.Training.Tests.Onnx;

/// <summary>
/// A small TensorFlow.js graph model written to disk: every op kind the converter knows (strided SAME Conv2D, bias
/// Add, Relu, Minimum/Maximum clip, DepthwiseConv2dNative, per-channel Mul, Mean, _FusedMatMul with BiasAdd+Relu),
/// float16-, float32- and int32-stored weights; 3 channels in, 3 features out ("dense").
/// </summary>
internal sealed class TinyTfjsModel
{
    private readonly Random _random = new(11);

    public TinyTfjsModel()
    {
        Conv = Values(3 * 3 * 3 * 4, half: true);
        Bias = Values(4, half: true);
        Depthwise = Values(3 * 3 * 4 * 1, half: false);
        Scale = Values(4, half: true);
        Dense = Values(4 * 3, half: false);
        DenseBias = Values(3, half: false);
    }

    public float[] Conv { get; }

    public float[] Bias { get; }

    public float[] Depthwise { get; }

    public float[] Scale { get; }

    public float[] Dense { get; }

    public float[] DenseBias { get; }

    public float[] Values(int count, bool half) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(_random.NextDouble() - 0.3)).Select(v => half ? (float)(Half)v : v)];

    public List<JsonObject> Nodes() =>
    [
        Node("input_1", "Placeholder", []),
        Node("k1", "Const", []),
        Node("conv", "Conv2D", ["input_1", "k1"], Strides(2), Padding("SAME")),
        Node("b1", "Const", []),
        Node("add", "Add", ["conv", "b1"]),
        Node("relu", "Relu", ["add"]),
        Node("six", "Const", []),
        Node("min", "Minimum", ["relu", "six"]),
        Node("zero", "Const", []),
        Node("max", "Maximum", ["min", "zero"]),
        Node("dk", "Const", []),
        Node("dw", "DepthwiseConv2dNative", ["max", "dk"], Strides(1), Padding("SAME")),
        Node("s", "Const", []),
        Node("mul", "Mul", ["dw", "s"]),
        Node("axes", "Const", []),
        Node("mean", "Mean", ["mul", "axes"]),
        Node("fk", "Const", []),
        Node("fb", "Const", []),
        Node("dense", "_FusedMatMul", ["mean", "fk", "fb"], ("fused_ops", new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray(B64("BiasAdd"), B64("Relu")) } })),
    ];

    /// <summary>Writes model.json and weights.bin into <paramref name="directory"/>; returns model.json's path.</summary>
    public string Write(string directory, List<JsonObject> nodes)
    {
        var weights = new JsonArray();
        using var bin = new MemoryStream();
        void Add(string name, int[] shape, float[] values, string storage)
        {
            var entry = new JsonObject { ["name"] = name, ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)d)]), ["dtype"] = storage == "int32" ? "int32" : "float32" };
            if (storage == "float16")
            {
                entry["quantization"] = new JsonObject { ["dtype"] = "float16", ["original_dtype"] = "float32" };
            }

            weights.Add(entry);
            foreach (var v in values)
            {
                bin.Write(storage switch
                {
                    "float16" => BitConverter.GetBytes((Half)v),
                    "int32" => BitConverter.GetBytes((int)v),
                    _ => BitConverter.GetBytes(v),
                });
            }
        }

        Add("k1", [3, 3, 3, 4], Conv, "float16");
        Add("b1", [4], Bias, "float16");
        Add("six", [], [6], "float16");
        Add("zero", [], [0], "float32");
        Add("dk", [3, 3, 4, 1], Depthwise, "float32");
        Add("s", [4], Scale, "float16");
        Add("axes", [2], [1, 2], "int32");
        Add("fk", [4, 3], Dense, "float32");
        Add("fb", [3], DenseBias, "float32");
        File.WriteAllBytes(Path.Combine(directory, "weights.bin"), bin.ToArray());
        var model = new JsonObject
        {
            ["format"] = "graph-model",
            ["modelTopology"] = new JsonObject { ["node"] = new JsonArray([.. nodes]) },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = weights }),
        };
        var path = Path.Combine(directory, "model.json");
        File.WriteAllText(path, model.ToJsonString());
        return path;
    }


    public static JsonObject Node(string name, string op, string[] inputs, params (string Key, JsonNode Value)[] attributes)
    {
        var node = new JsonObject { ["name"] = name, ["op"] = op, ["input"] = new JsonArray([.. inputs.Select(i => (JsonNode)i)]) };
        if (attributes.Length > 0)
        {
            node["attr"] = new JsonObject(attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return node;
    }

    private static (string, JsonNode) Strides(int stride) =>
        ("strides", new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray("1", stride.ToString(System.Globalization.CultureInfo.InvariantCulture), stride.ToString(System.Globalization.CultureInfo.InvariantCulture), "1") } });

    private static (string, JsonNode) Padding(string padding) => ("padding", new JsonObject { ["s"] = B64(padding) });

    private static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
