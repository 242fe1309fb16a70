namespace EdgeMask.Detection.Learned;

/// <summary>Decodes the tiny detector's [1, 25, G, G] grid (5 anchors x tx, ty, tw, th, score logit) as face-api's TinyYolov2Base.extractBoxes.</summary>
internal static class TinyGridDecoder
{
    public const int AnchorCount = 5;
    private const int ValuesPerAnchor = 5;

    /// <summary>face-api's BOX_ANCHORS for the tiny face detector, in grid cells, as (width, height) pairs.</summary>
    private static readonly double[] Anchors = [1.603231, 2.094468, 6.041143, 7.080126, 2.882459, 3.518061, 4.266906, 5.178857, 9.041765, 10.66308];

    public static void Decode(ReadOnlySpan<float> grid, int cells, FrameGeometry geometry, double minScore, List<ScoredBox> candidates)
    {
        var plane = cells * cells;
        if (grid.Length != AnchorCount * ValuesPerAnchor * plane)
        {
            throw new InvalidOperationException($"Tiny detector output has {grid.Length} values; expected 25 x {cells} x {cells}. Is the model a converted face-api tiny detector?");
        }

        for (var anchor = 0; anchor < AnchorCount; anchor++)
        {
            var channel = anchor * ValuesPerAnchor;
            for (var row = 0; row < cells; row++)
            {
                for (var col = 0; col < cells; col++)
                {
                    var cell = (row * cells) + col;
                    var score = Sigmoid(grid[((channel + 4) * plane) + cell]);
                    if (score <= minScore)
                    {
                        continue;
                    }

                    var centerX = (col + Sigmoid(grid[(channel * plane) + cell])) / cells;
                    var centerY = (row + Sigmoid(grid[((channel + 1) * plane) + cell])) / cells;
                    var width = Math.Exp(grid[((channel + 2) * plane) + cell]) * Anchors[2 * anchor] / cells;
                    var height = Math.Exp(grid[((channel + 3) * plane) + cell]) * Anchors[(2 * anchor) + 1] / cells;
                    var left = (centerX - (width / 2)) * geometry.PixelsPerUnitX;
                    var top = (centerY - (height / 2)) * geometry.PixelsPerUnitY;
                    candidates.Add(new ScoredBox(left, top, left + (width * geometry.PixelsPerUnitX), top + (height * geometry.PixelsPerUnitY), (float)score));
                }
            }
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
