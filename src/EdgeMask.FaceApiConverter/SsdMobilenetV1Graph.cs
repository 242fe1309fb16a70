using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>
/// face-api's SsdMobilenetv1 (src/ssdMobilenetv1: mobileNetV1, predictionLayer, outputLayer) as ONNX, box decoding included.
/// </summary>
/// <remarks>
/// Input "image": [1, 3, S, S] RGB in 0-255, the frame zero-padded to a square at the bottom/right and
/// resized bilinearly as face-api does. At face-api's S = 512 the graph uses the package's 5118 stored prior boxes;
/// other sizes get priors from <see cref="SsdPriorGenerator"/> for their feature-map sizes.
/// Outputs "boxes": [1, N, 4] as (ymin, xmin, ymax, xmax) relative to the square input, unclipped;
/// "scores": [1, 5118] face probabilities. Non-maximum suppression is left to the caller.
/// </remarks>
internal static class SsdMobilenetV1Graph
{
    public const string ManifestFileName = "ssd_mobilenetv1_model-weights_manifest.json";
    public const string InputName = "image";

    /// <summary>face-api's input side, the one the stored priors are laid out for.</summary>
    public const int DefaultInputSizePixels = 512;

    /// <summary>Smallest and largest input side the converter accepts (multiples of 32).</summary>
    public const int MinInputSizePixels = 128;
    public const int MaxInputSizePixels = 1024;

    /// <summary>tf.batchNorm's epsilon in face-api's mobileNetV1.ts.</summary>
    private const float BatchNormEpsilon = 0.0010000000474974513f;

    private static readonly int[] StrideTwoLayers = [2, 4, 6, 12];

    public static ModelProto Build(IReadOnlyDictionary<string, WeightTensor> weights, int inputSizePixels = DefaultInputSizePixels)
    {
        if (inputSizePixels is < MinInputSizePixels or > MaxInputSizePixels || inputSizePixels % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSizePixels), inputSizePixels, $"The SSD input side must be a multiple of 32 in {MinInputSizePixels}-{MaxInputSizePixels}.");
        }

        var g = new OnnxGraphBuilder("face_api_ssd_mobilenetv1", weights);
        var x = g.AddImageInput(InputName, inputSizePixels, inputSizePixels);
        x = g.Sub(g.Div(x, g.Scalar(127.5f)), g.Scalar(1f));

        x = PointwiseConv(g, x, "MobilenetV1/Conv2d_0_pointwise", stride: 2);
        var conv11 = x;
        for (var layer = 1; layer <= 13; layer++)
        {
            x = DepthwiseConvWithBatchNorm(g, x, $"MobilenetV1/Conv2d_{layer}_depthwise", StrideTwoLayers.Contains(layer) ? 2 : 1);
            x = PointwiseConv(g, x, $"MobilenetV1/Conv2d_{layer}_pointwise", stride: 1);
            if (layer == 11)
            {
                conv11 = x;
            }
        }

        var features = new string[6];
        features[0] = conv11;
        features[1] = x;
        var extra = x;
        for (var i = 0; i < 8; i++)
        {
            extra = PointwiseConv(g, extra, $"Prediction/Conv2d_{i}_pointwise", stride: i % 2 == 1 ? 2 : 1);
            if (i % 2 == 1)
            {
                features[2 + (i / 2)] = extra;
            }
        }

        var encodings = new string[6];
        var classLogits = new string[6];
        for (var p = 0; p < 6; p++)
        {
            var prefix = $"Prediction/BoxPredictor_{p}";
            encodings[p] = g.Reshape(g.Transpose(g.Conv(features[p], $"{prefix}/BoxEncodingPredictor/weights", $"{prefix}/BoxEncodingPredictor/biases", 1, Padding.Same), 0, 2, 3, 1), 1, -1, 4);
            classLogits[p] = g.Reshape(g.Transpose(g.Conv(features[p], $"{prefix}/ClassPredictor/weights", $"{prefix}/ClassPredictor/biases", 1, Padding.Same), 0, 2, 3, 1), 1, -1, 3);
        }

        var (priorCenters, priorSizes, priorCount) = Priors(g, inputSizePixels);
        var boxes = DecodeBoxes(g, g.Concat(1, encodings), priorCenters, priorSizes);
        var scores = g.Reshape(g.Sigmoid(g.Slice(g.Concat(1, classLogits), axis: 2, start: 1, end: 2)), 1, -1);
        g.AddOutput(boxes, "boxes", 1, priorCount, 4);
        g.AddOutput(scores, "scores", 1, priorCount);

        return g.ToModel(
            $"face-api SsdMobilenetv1: input image [1,3,{inputSizePixels},{inputSizePixels}] RGB 0-255; outputs boxes [1,N,4] (ymin,xmin,ymax,xmax relative) and scores [1,N].",
            new Dictionary<string, string>
            {
                ["edgemask.detector"] = "ssd",
                ["edgemask.source"] = FaceApiPackage.Description,
            });
    }

    /// <summary>face-api's pointwiseConvLayer: conv ("same") + folded batch-norm offset, ReLU6.</summary>
    private static string PointwiseConv(OnnxGraphBuilder g, string x, string prefix, int stride) =>
        g.Clip(g.Conv(x, $"{prefix}/weights", $"{prefix}/convolution_bn_offset", stride, Padding.Same), 0f, 6f);

    /// <summary>face-api's depthwiseConvLayer with its batch normalisation folded into the filter and a bias.</summary>
    private static string DepthwiseConvWithBatchNorm(OnnxGraphBuilder g, string x, string prefix, int stride)
    {
        var gamma = g.Weight($"{prefix}/BatchNorm/gamma").Values;
        var beta = g.Weight($"{prefix}/BatchNorm/beta").Values;
        var mean = g.Weight($"{prefix}/BatchNorm/moving_mean").Values;
        var variance = g.Weight($"{prefix}/BatchNorm/moving_variance").Values;
        var scale = new float[gamma.Length];
        var bias = new float[gamma.Length];
        for (var c = 0; c < gamma.Length; c++)
        {
            scale[c] = (float)(gamma[c] / Math.Sqrt(variance[c] + (double)BatchNormEpsilon));
            bias[c] = beta[c] - (mean[c] * scale[c]);
        }

        return g.Clip(g.DepthwiseConv(x, $"{prefix}/depthwise_weights", scale, bias, stride, Padding.Same), 0f, 6f);
    }

    /// <summary>The package's stored prior boxes (Output/extra_dim), (ymin, xmin, ymax, xmax) for a 512 input.</summary>
    public static float[] StoredPriors(IReadOnlyDictionary<string, WeightTensor> weights)
    {
        var priors = weights.TryGetValue("Output/extra_dim", out var tensor)
            ? tensor
            : throw new InvalidDataException("The weights manifest has no entry 'Output/extra_dim'; is this the right face-api model?");
        var expected = SsdPriorGenerator.Count(DefaultInputSizePixels);
        if (priors.Shape.Count != 3 || priors.Shape[0] != 1 || priors.Shape[1] != expected || priors.Shape[2] != 4)
        {
            throw new InvalidDataException($"Output/extra_dim has shape [{string.Join(", ", priors.Shape)}]; expected [1, {expected}, 4].");
        }

        return priors.Values;
    }

    /// <summary>Prior boxes (corners) as constant centres and sizes, [1, N, 2] each.</summary>
    private static (string Centers, string Sizes, int Count) Priors(OnnxGraphBuilder g, int inputSizePixels)
    {
        var corners = inputSizePixels == DefaultInputSizePixels ? StoredPriors(g.Weights) : SsdPriorGenerator.Generate(inputSizePixels);
        var count = corners.Length / 4;
        var centers = new float[count * 2];
        var sizes = new float[count * 2];
        for (var i = 0; i < count; i++)
        {
            for (var axis = 0; axis < 2; axis++)
            {
                var low = corners[(4 * i) + axis];
                var high = corners[(4 * i) + axis + 2];
                sizes[(2 * i) + axis] = high - low;
                centers[(2 * i) + axis] = low + ((high - low) / 2);
            }
        }

        return (g.Constant(centers, [1, count, 2]), g.Constant(sizes, [1, count, 2]), count);
    }

    /// <summary>face-api's decodeBoxesLayer: centre offsets scaled by 10, log sizes by 5.</summary>
    private static string DecodeBoxes(OnnxGraphBuilder g, string encodings, string priorCenters, string priorSizes)
    {
        var centerOffsets = g.Slice(encodings, axis: 2, start: 0, end: 2);
        var logSizes = g.Slice(encodings, axis: 2, start: 2, end: 4);
        var centers = g.Add(g.Mul(g.Div(centerOffsets, g.Scalar(10f)), priorSizes), priorCenters);
        var halfSizes = g.Div(g.Mul(g.Exp(g.Div(logSizes, g.Scalar(5f))), priorSizes), g.Scalar(2f));
        return g.Concat(2, g.Sub(centers, halfSizes), g.Add(centers, halfSizes));
    }
}
