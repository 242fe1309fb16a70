using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMask.TestSupport;
using EdgeMask.Training.Onnx;
using Google.Protobuf;

namespace EdgeMask.Training.Tests.Onnx;

/// <summary>
/// The TF.js graph converter against a naive NHWC reference: a small graph with every op kind the converter knows
/// (strided SAME Conv2D, bias Add, Relu, Minimum/Maximum clip, DepthwiseConv2dNative, per-channel Mul, Mean,
/// _FusedMatMul with BiasAdd+Relu), float16-, float32- and int32-stored weights, run through ONNX Runtime.
/// </summary>
public sealed class TfjsToOnnxTests : IDisposable
{
    private const int Side = 8; // a strided SAME conv pads one side more: the case TF and ONNX must agree on
    private readonly string _directory = RepoPaths.NewTempDirectory("tfjs");
    private readonly TinyTfjsModel _model = new();

    [Fact]
    public void Convert_SmallMobileNetStyleGraph_MatchesTheNhwcReference()
    {
        var path = _model.Write(_directory, _model.Nodes());
        var input = _model.Values(Side * Side * 3, half: false).Select(v => v * 4).ToArray();

        var (graph, features, width) = TfjsToOnnx.Convert(TfjsGraphModel.Load(path), "dense", Side, Side);
        graph.Output(features, "batch", width);
        using var session = new OnnxSession(graph.ToModel("test").ToByteArray());
        var actual = session.Run(ToNchw(input), 1);

        Assert.Equal(3, width);
        Assert.Equal(Reference(input), actual, (x, y) => Math.Abs(x - y) < 1e-4f);
    }

    [Fact]
    public void Convert_AnOpItDoesNotKnow_IsRefusedNamingOpAndNode()
    {
        var nodes = _model.Nodes();
        nodes.Add(TinyTfjsModel.Node("odd", "Softplus", ["dense"]));
        var path = _model.Write(_directory, nodes);

        var error = Assert.Throws<InvalidDataException>(() => TfjsToOnnx.Convert(TfjsGraphModel.Load(path), "odd", Side, Side));

        Assert.Contains("'Softplus' (node 'odd')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShardsShorterThanTheManifest_IsRefused()
    {
        var path = _model.Write(_directory, _model.Nodes());
        var bin = Path.Combine(_directory, "weights.bin");
        File.WriteAllBytes(bin, File.ReadAllBytes(bin)[..^4]);

        var error = Assert.Throws<InvalidDataException>(() => TfjsGraphModel.Load(path));

        Assert.Contains("end inside weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFileThatIsNoGraphModel_IsRefusedNamingIt()
    {
        var path = Path.Combine(_directory, "layers.json");
        File.WriteAllText(path, """{"format":"layers-model","modelTopology":{}}""");

        var error = Assert.Throws<InvalidDataException>(() => TfjsGraphModel.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The graph computed directly in NHWC with TF's SAME padding (extra pad after).</summary>
    private float[] Reference(float[] input)
    {
        var conv = Convolve(input, Side, Side, 3, _model.Conv, 4, stride: 2, depthwise: false, out var h, out var w);
        for (var i = 0; i < conv.Length; i++)
        {
            conv[i] = Math.Clamp(conv[i] + _model.Bias[i % 4], 0, 6);
        }

        var dw = Convolve(conv, h, w, 4, _model.Depthwise, 4, stride: 1, depthwise: true, out h, out w);
        var mean = new float[4];
        for (var i = 0; i < dw.Length; i++)
        {
            mean[i % 4] += dw[i] * _model.Scale[i % 4] / (h * w);
        }

        return [.. Enumerable.Range(0, 3).Select(o => Math.Max(0, _model.DenseBias[o] + Enumerable.Range(0, 4).Sum(i => mean[i] * _model.Dense[(i * 3) + o])))];
    }

    private static float[] Convolve(float[] x, int height, int width, int channels, float[] kernel, int outChannels, int stride, bool depthwise, out int outHeight, out int outWidth)
    {
        outHeight = (height + stride - 1) / stride;
        outWidth = (width + stride - 1) / stride;
        var padTop = Math.Max(((outHeight - 1) * stride) + 3 - height, 0) / 2;
        var padLeft = Math.Max(((outWidth - 1) * stride) + 3 - width, 0) / 2;
        var output = new float[outHeight * outWidth * outChannels];
        for (var oy = 0; oy < outHeight; oy++)
        {
            for (var ox = 0; ox < outWidth; ox++)
            {
                for (var o = 0; o < outChannels; o++)
                {
                    float sum = 0;
                    for (var ky = 0; ky < 3; ky++)
                    {
                        for (var kx = 0; kx < 3; kx++)
                        {
                            var (iy, ix) = ((oy * stride) + ky - padTop, (ox * stride) + kx - padLeft);
                            if (iy < 0 || ix < 0 || iy >= height || ix >= width)
                            {
                                continue;
                            }

                            if (depthwise)
                            {
                                sum += x[(((iy * width) + ix) * channels) + o] * kernel[(((ky * 3) + kx) * channels) + o];
                            }
                            else
                            {
                                for (var c = 0; c < channels; c++)
                                {
                                    sum += x[(((iy * width) + ix) * channels) + c] * kernel[(((((ky * 3) + kx) * channels) + c) * outChannels) + o];
                                }
                            }
                        }
                    }

                    output[(((oy * outWidth) + ox) * outChannels) + o] = sum;
                }
            }
        }

        return output;
    }

    private static float[] ToNchw(float[] nhwc)
    {
        var nchw = new float[nhwc.Length];
        for (var i = 0; i < Side * Side; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                nchw[(c * Side * Side) + i] = nhwc[(i * 3) + c];
            }
        }

        return nchw;
    }
}
