using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>
/// face-api's SsdMobilenetv1 (src/ssdMobilenetv1: mobileNetV1, predictionLayer, outputLayer) as ONNX, box decoding included.
/// </summary>
/// <remarks>
/// Input "image": [1, 3, 512, 512] RGB in 0-255, the frame zero-padded to a square at the bottom/right and
/// resized bilinearly as face-api does. The 5118 prior boxes in the weights fix the input at 512.
/// Outputs "boxes": [1, 5118, 4] as (ymin, xmin, ymax, xmax) relative to the square input, unclipped;
/// "scores": [1, 5118] face probabilities. Non-maximum suppression is left to the caller.
/// </remarks>
internal static class SsdMobilenetV1Graph
{
    public const string ManifestFileName = "ssd_mobilenetv1_model-weights_manifest.json";
    public const int InputSizePixels = 512;

    /// <summary>tf.batchNorm's epsilon in face-api's mobileNetV1.ts.</summary>
    private const float BatchNormEpsilon = 0.0010000000474974513f;

    private static readonly int[] StrideTwoLayers = [2, 4, 6, 12];

    public static ModelProto Build(IReadOnlyDictionary<string, WeightTensor> weights)
    {
        var g = new OnnxGraphBuilder("face_api_ssd_mobilenetv1", weights);
        var x = g.AddImageInput("image", InputSizePixels, InputSizePixels);
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

        var (priorCenters, priorSizes, priorCount) = Priors(g);
        var boxes = DecodeBoxes(g, g.Concat(1, encodings), priorCenters, priorSizes);
        var scores = g.Reshape(g.Sigmoid(g.Slice(g.Concat(1, classLogits), axis: 2, start: 1, end: 2)), 1, -1);
        g.AddOutput(boxes, "boxes", 1, priorCount, 4);
        g.AddOutput(scores, "scores", 1, priorCount);

        return g.ToModel(
            "face-api SsdMobilenetv1: input image [1,3,512,512] RGB 0-255; outputs boxes [1,N,4] (ymin,xmin,ymax,xmax relative) and scores [1,N].",
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

    /// <summary>Prior boxes (Output/extra_dim, corners) as constant centres and sizes, [1, N, 2] each.</summary>
    private static (string Centers, string Sizes, int Count) Priors(OnnxGraphBuilder g)
    {
        var priors = g.Weight("Output/extra_dim");
        if (priors.Shape.Count != 3 || priors.Shape[2] != 4)
        {
            throw new InvalidDataException($"Output/extra_dim has shape [{string.Join(", ", priors.Shape)}]; expected [1, N, 4].");
        }

        var count = priors.Shape[1];
        var centers = new float[count * 2];
        var sizes = new float[count * 2];
        for (var i = 0; i < count; i++)
        {
            for (var axis = 0; axis < 2; axis++)
            {
                var low = priors.Values[(4 * i) + axis];
                var high = priors.Values[(4 * i) + axis + 2];
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
