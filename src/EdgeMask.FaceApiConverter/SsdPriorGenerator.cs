namespace EdgeMask.FaceApiConverter;

/// <summary>
/// The SSD MobileNetV1's prior (anchor) boxes for any square input, generated with the TensorFlow Object Detection
/// API's <c>create_ssd_anchors</c> (multiple_grid_anchor_generator.py, the version the face-api weights were
/// exported with): 6 layers, scales linear from 0.2 to 0.95, aspect ratios 1, 2, 0.5, 3, 0.3333 with the
/// interpolated-scale box right after ratio 1, and 3 boxes (0.1 at ratio 1, then ratios 2 and 0.5) on the lowest layer.
/// </summary>
/// <remarks>
/// At 512 this reproduces the package's stored <c>Output/extra_dim</c> (a test proves it). Other inputs give other
/// feature-map sizes (TensorFlow "same" padding: each stride-2 layer gives ceil(n / 2)), so the grid of centres
/// changes; the box sizes are kept in pixels of the 512 input the network was trained at (the generator's
/// <c>base_anchor_size</c> = 512 / input), because the learned size regressions are relative to the pixel size the
/// features see: with sizes kept relative, every box at 384 came out 384/512 too small.
/// Boxes are (ymin, xmin, ymax, xmax) relative to the input, unclipped, ordered row by row, then column, then box.
/// </remarks>
internal static class SsdPriorGenerator
{
    /// <summary>The input side the network was trained at and the stored priors are laid out for.</summary>
    public const int TrainedInputSizePixels = 512;

    private const double MinScale = 0.2;
    private const double MaxScale = 0.95;
    private const double LowestLayerSmallScale = 0.1;
    private static readonly double[] AspectRatios = [1.0, 2.0, 0.5, 3.0, 0.3333];

    /// <summary>Feature maps with box predictors: conv 11 (stride 16), conv 13 (stride 32), then 4 extra layers.</summary>
    public const int LayerCount = 6;

    /// <summary>Side of each of the six square feature maps the box predictors read, for a square input.</summary>
    public static int[] FeatureMapSizes(int inputSizePixels)
    {
        if (inputSizePixels < 32)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSizePixels), inputSizePixels, "The SSD input must be at least 32 pixels.");
        }

        // MobileNetV1 halves the input 4 times up to conv 11 (conv 0 and depthwise 2, 4, 6), once more at
        // depthwise 12; each of the 4 extra feature layers halves again.
        var size = inputSizePixels;
        for (var i = 0; i < 4; i++)
        {
            size = HalfSame(size);
        }

        var sizes = new int[LayerCount];
        sizes[0] = size;
        for (var layer = 1; layer < LayerCount; layer++)
        {
            sizes[layer] = HalfSame(sizes[layer - 1]);
        }

        return sizes;
    }

    /// <summary>Prior boxes per location on each layer: 3 on the lowest, 6 elsewhere.</summary>
    public static int BoxesPerLocation(int layer) => layer == 0 ? 3 : AspectRatios.Length + 1;

    public static int Count(int inputSizePixels) =>
        FeatureMapSizes(inputSizePixels).Select((n, layer) => n * n * BoxesPerLocation(layer)).Sum();

    /// <summary>[count * 4] as (ymin, xmin, ymax, xmax).</summary>
    public static float[] Generate(int inputSizePixels)
    {
        var sizes = FeatureMapSizes(inputSizePixels);
        var priors = new float[Count(inputSizePixels) * 4];
        var baseAnchorSize = (double)TrainedInputSizePixels / inputSizePixels;
        var next = 0;
        for (var layer = 0; layer < LayerCount; layer++)
        {
            var specs = BoxSpecs(layer);
            var n = sizes[layer];
            var stride = 1.0 / n;
            for (var row = 0; row < n; row++)
            {
                for (var column = 0; column < n; column++)
                {
                    var centerY = (row + 0.5) * stride;
                    var centerX = (column + 0.5) * stride;
                    foreach (var (scale, aspectRatio) in specs)
                    {
                        var root = Math.Sqrt(aspectRatio);
                        var height = scale / root * baseAnchorSize;
                        var width = scale * root * baseAnchorSize;
                        priors[next++] = (float)(centerY - (height / 2));
                        priors[next++] = (float)(centerX - (width / 2));
                        priors[next++] = (float)(centerY + (height / 2));
                        priors[next++] = (float)(centerX + (width / 2));
                    }
                }
            }
        }

        return priors;
    }

    private static List<(double Scale, double AspectRatio)> BoxSpecs(int layer)
    {
        var scale = Scale(layer);
        if (layer == 0)
        {
            return [(LowestLayerSmallScale, 1.0), (scale, 2.0), (scale, 0.5)];
        }

        var specs = new List<(double, double)>();
        foreach (var ratio in AspectRatios)
        {
            specs.Add((scale, ratio));
            if (ratio == 1.0)
            {
                specs.Add((Math.Sqrt(scale * Scale(layer + 1)), 1.0));
            }
        }

        return specs;
    }

    /// <summary>Linear from <see cref="MinScale"/> to <see cref="MaxScale"/>; 1 past the last layer.</summary>
    private static double Scale(int layer) =>
        layer >= LayerCount ? 1.0 : MinScale + ((MaxScale - MinScale) * layer / (LayerCount - 1));

    private static int HalfSame(int size) => (size + 1) / 2;
}
