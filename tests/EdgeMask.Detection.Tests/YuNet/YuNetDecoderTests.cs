using EdgeMask.Detection.YuNet;

namespace EdgeMask.Detection.Tests.YuNet;

public sealed class YuNetDecoderTests
{
    [Fact]
    public void Decode_OneConfidentCell_GivesItsBoxLandmarksAndScore()
    {
        // A 4x2 grid at stride 8; only cell (row 1, column 2) scores: class 0.81, objectness 1 -> score 0.9.
        const int columns = 4, rows = 2, stride = 8;
        var cls = new float[columns * rows];
        var obj = new float[columns * rows];
        var bbox = new float[columns * rows * 4];
        var kps = new float[columns * rows * 10];
        var cell = (1 * columns) + 2;
        cls[cell] = 0.81f;
        obj[cell] = 1f;
        bbox[(cell * 4) + 0] = 0.5f;
        bbox[(cell * 4) + 1] = 0.25f;
        bbox[(cell * 4) + 2] = MathF.Log(2);
        bbox[(cell * 4) + 3] = MathF.Log(3);
        for (var point = 0; point < 5; point++)
        {
            kps[(cell * 10) + (2 * point)] = point * 0.1f;
            kps[(cell * 10) + (2 * point) + 1] = -point * 0.1f;
        }

        var candidates = new List<YuNetCandidate>();
        YuNetDecoder.Decode(stride, columns, rows, cls, obj, bbox, kps, 0.5f, candidates);

        var face = Assert.Single(candidates);
        Assert.Equal(0.9f, face.Score, 5);
        // Centre ((2 + 0.5) * 8, (1 + 0.25) * 8) = (20, 10); size (2 * 8, 3 * 8) = (16, 24).
        Assert.Equal(12f, face.X, 4);
        Assert.Equal(-2f, face.Y, 4);
        Assert.Equal(16f, face.Width, 4);
        Assert.Equal(24f, face.Height, 4);
        Assert.Equal(16f, face.Landmarks.RightEye.X, 4);
        Assert.Equal(8f, face.Landmarks.RightEye.Y, 4);
        Assert.Equal((2 + 0.4f) * 8, face.Landmarks.LeftMouthCorner.X, 4);
        Assert.Equal((1 - 0.4f) * 8, face.Landmarks.LeftMouthCorner.Y, 4);
    }

    [Fact]
    public void Decode_ScoresOutsideZeroToOne_AreClampedBeforeTheThreshold()
    {
        float[] cls = [1.7f, -0.3f];
        float[] obj = [0.64f, 5f];
        var candidates = new List<YuNetCandidate>();

        YuNetDecoder.Decode(32, 2, 1, cls, obj, new float[8], new float[20], 0.1f, candidates);

        Assert.Equal(0.8f, Assert.Single(candidates).Score, 5);
    }

    [Fact]
    public void Decode_OutputsTooShortForTheGrid_ThrowsNamingTheStride()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            YuNetDecoder.Decode(16, 4, 4, new float[16], new float[16], new float[60], new float[160], 0.5f, []));

        Assert.Contains("stride 16", error.Message, StringComparison.Ordinal);
    }
}
