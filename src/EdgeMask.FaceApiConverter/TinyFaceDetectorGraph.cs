using System.Globalization;
using Onnx;

namespace EdgeMask.FaceApiConverter;

/// <summary>
/// face-api's TinyFaceDetector (src/tinyFaceDetector, src/tinyYolov2/TinyYolov2Base.runMobilenet) as ONNX.
/// </summary>
/// <remarks>
/// Input "image": [1, 3, H, W] RGB in 0-255, H and W multiples of 32 (face-api uses 416 by default), the frame
/// zero-padded to a square at the bottom/right and resized bilinearly as face-api does.
/// Output "grid": [1, 25, H/32, W/32], per cell 5 anchors x (tx, ty, tw, th, score logit); decoding, the
/// anchors and non-maximum suppression are left to the caller (EdgeMask.Detection.Learned).
/// </remarks>
internal static class TinyFaceDetectorGraph
{
    public const string ManifestFileName = "tiny_face_detector_model-weights_manifest.json";

    /// <summary>face-api's MEAN_RGB for the tiny face detector (src/tinyFaceDetector/const.ts).</summary>
    public static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];

    /// <summary>face-api's BOX_ANCHORS (src/tinyFaceDetector/const.ts), in grid cells, as (width, height).</summary>
    public static readonly float[] Anchors = [1.603231f, 2.094468f, 6.041143f, 7.080126f, 2.882459f, 3.518061f, 4.266906f, 5.178857f, 9.041765f, 10.66308f];

    private const float LeakyAlpha = 0.1f;

    public static ModelProto Build(IReadOnlyDictionary<string, WeightTensor> weights)
    {
        var g = new OnnxGraphBuilder("face_api_tiny_face_detector", weights);
        var x = g.AddImageInput("image", heightPixels: null, widthPixels: null);
        x = g.Sub(x, g.Constant(MeanRgb, [1, 3, 1, 1]));
        x = g.Div(x, g.Scalar(255f));

        x = g.LeakyRelu(g.Conv(x, "conv0/filters", "conv0/bias", stride: 1, Padding.Valid), LeakyAlpha);
        x = g.MaxPoolSame(x, kernel: 2, stride: 2);
        for (var block = 1; block <= 5; block++)
        {
            x = SeparableConv(g, x, $"conv{block}");
            x = g.MaxPoolSame(x, kernel: 2, stride: block < 5 ? 2 : 1);
        }

        x = g.Conv(x, "conv8/filters", "conv8/bias", stride: 1, Padding.Valid);
        g.AddOutput(x, "grid", 1, 25, null, null);

        return g.ToModel(
            "face-api TinyFaceDetector: input image [1,3,H,W] RGB 0-255 (square, H=W multiple of 32); output grid [1,25,H/32,W/32] = 5 anchors x (tx, ty, tw, th, score logit).",
            new Dictionary<string, string>
            {
                ["edgemask.detector"] = "tiny",
                ["edgemask.anchors"] = string.Join(",", Anchors.Select(a => a.ToString("R", CultureInfo.InvariantCulture))),
                ["edgemask.source"] = FaceApiPackage.Description,
            });
    }

    /// <summary>face-api's depthwiseSeparableConv: pad 1, depthwise 3x3, pointwise 1x1 + bias, leaky ReLU.</summary>
    private static string SeparableConv(OnnxGraphBuilder g, string x, string prefix)
    {
        x = g.DepthwiseConv(x, $"{prefix}/depthwise_filter", stride: 1, Padding.Symmetric1);
        x = g.Conv(x, $"{prefix}/pointwise_filter", $"{prefix}/bias", stride: 1, Padding.Valid);
        return g.LeakyRelu(x, LeakyAlpha);
    }
}
