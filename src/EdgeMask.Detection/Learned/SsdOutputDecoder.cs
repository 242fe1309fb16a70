namespace EdgeMask.Detection.Learned;

/// <summary>Reads the SSD's decoded outputs: boxes [1, N, 4] (ymin, xmin, ymax, xmax relative to the square input) and scores [1, N].</summary>
internal static class SsdOutputDecoder
{
    public static void Decode(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, FrameGeometry geometry, double minScore, List<ScoredBox> candidates)
    {
        if (boxes.Length != scores.Length * 4)
        {
            throw new InvalidOperationException($"SSD detector outputs {boxes.Length} box values for {scores.Length} scores; expected 4 per score. Is the model a converted face-api SSD?");
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] <= minScore)
            {
                continue;
            }

            var box = boxes.Slice(4 * i, 4);
            candidates.Add(new ScoredBox(
                Math.Min(box[1], box[3]) * geometry.PixelsPerUnitX,
                Math.Min(box[0], box[2]) * geometry.PixelsPerUnitY,
                Math.Max(box[1], box[3]) * geometry.PixelsPerUnitX,
                Math.Max(box[0], box[2]) * geometry.PixelsPerUnitY,
                scores[i]));
        }
    }

    /// <summary>face-api clips SSD boxes to the square input ([0, 1]) after suppression.</summary>
    public static ScoredBox ClipToInput(ScoredBox box, FrameGeometry geometry) => box with
    {
        Left = Math.Max(0, box.Left),
        Top = Math.Max(0, box.Top),
        Right = Math.Min(geometry.PixelsPerUnitX, box.Right),
        Bottom = Math.Min(geometry.PixelsPerUnitY, box.Bottom),
    };
}
