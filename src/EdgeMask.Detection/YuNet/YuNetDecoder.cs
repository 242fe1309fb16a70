using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Detection.YuNet;

/// <summary>A face YuNet proposes, in input-tensor pixels, before non-maximum suppression.</summary>
internal readonly record struct YuNetCandidate(float X, float Y, float Width, float Height, float Score, FaceLandmarks Landmarks);

/// <summary>
/// Turns one stride's raw YuNet outputs into face candidates, as OpenCV's FaceDetectorYN decodes them: one anchor
/// per grid cell; score = sqrt(class x objectness), both clamped to [0, 1]; box centre = (cell + offset) x stride,
/// size = exp(log-size) x stride; landmark = (cell + offset) x stride.
/// </summary>
internal static class YuNetDecoder
{
    /// <summary>The strides of YuNet's three output levels; outputs are named <c>cls_8</c>, <c>obj_8</c>, <c>bbox_8</c>, <c>kps_8</c> and so on.</summary>
    public static readonly int[] Strides = [8, 16, 32];

    private const int BoxValues = 4;
    private const int LandmarkValues = 10;

    /// <param name="stride">8, 16 or 32.</param>
    /// <param name="columns">Grid columns: padded input width / stride.</param>
    /// <param name="rows">Grid rows: padded input height / stride.</param>
    /// <param name="minScore">Candidates scoring below this are skipped.</param>
    public static void Decode(
        int stride,
        int columns,
        int rows,
        ReadOnlySpan<float> classScores,
        ReadOnlySpan<float> objectness,
        ReadOnlySpan<float> boxes,
        ReadOnlySpan<float> landmarks,
        float minScore,
        List<YuNetCandidate> candidates)
    {
        var cells = columns * rows;
        if (classScores.Length < cells || objectness.Length < cells || boxes.Length < cells * BoxValues || landmarks.Length < cells * LandmarkValues)
        {
            throw new ArgumentException(
                $"YuNet stride {stride} outputs do not fit a {columns}x{rows} grid: cls {classScores.Length}, obj {objectness.Length}, bbox {boxes.Length}, kps {landmarks.Length} values.");
        }

        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var cell = (row * columns) + column;
                var score = MathF.Sqrt(Math.Clamp(classScores[cell], 0f, 1f) * Math.Clamp(objectness[cell], 0f, 1f));
                if (score < minScore)
                {
                    continue;
                }

                var box = boxes.Slice(cell * BoxValues, BoxValues);
                var centreX = (column + box[0]) * stride;
                var centreY = (row + box[1]) * stride;
                var width = MathF.Exp(box[2]) * stride;
                var height = MathF.Exp(box[3]) * stride;

                var points = landmarks.Slice(cell * LandmarkValues, LandmarkValues);
                var faceLandmarks = new FaceLandmarks(
                    Point(points, 0, column, row, stride),
                    Point(points, 1, column, row, stride),
                    Point(points, 2, column, row, stride),
                    Point(points, 3, column, row, stride),
                    Point(points, 4, column, row, stride));
                candidates.Add(new YuNetCandidate(centreX - (width / 2), centreY - (height / 2), width, height, score, faceLandmarks));
            }
        }
    }

    private static PixelPoint Point(ReadOnlySpan<float> points, int index, int column, int row, int stride) =>
        new((points[2 * index] + column) * stride, (points[(2 * index) + 1] + row) * stride);
}
