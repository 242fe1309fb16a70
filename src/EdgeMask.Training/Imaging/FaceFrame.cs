using EdgeMask.Core.Faces;
using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Maps canonical face coordinates to image pixels. Canonical coordinates are fractions of an upright frontal face
/// box: eyes at (0.31, 0.40) and (0.69, 0.40), nose tip at (0.5, 0.60), mouth corners at (0.36, 0.78) and
/// (0.64, 0.78), chin near y 1.0. From landmarks the map is the similarity (scale, rotation, shift) that fits the five
/// points best, so a painted mask follows a tilted or turned face; from a box it is the box's own proportions.
/// </summary>
public readonly record struct FaceFrame(double M00, double M01, double M02, double M10, double M11, double M12)
{
    /// <summary>The canonical positions of YuNet's five landmarks, in its order (right eye first: the image's left).</summary>
    public static readonly (double X, double Y)[] CanonicalLandmarks =
    [
        (0.31, 0.40), (0.69, 0.40), (0.50, 0.60), (0.36, 0.78), (0.64, 0.78),
    ];

    /// <summary>Canonical y of the nose tip.</summary>
    public const double NoseTipY = 0.60;

    /// <summary>Canonical y of the mouth corners.</summary>
    public const double MouthY = 0.78;

    /// <summary>Canonical (fx, fy) to image pixels.</summary>
    public Point2d Map(double fx, double fy) => new((M00 * fx) + (M01 * fy) + M02, (M10 * fx) + (M11 * fy) + M12);

    /// <summary>Canonical (fx, fy) to the nearest image pixel.</summary>
    public Point MapToPixel(double fx, double fy)
    {
        var p = Map(fx, fy);
        return new Point((int)Math.Round(p.X), (int)Math.Round(p.Y));
    }

    /// <summary>Face width in image pixels (the length of the canonical unit along x).</summary>
    public double Width => Math.Sqrt((M00 * M00) + (M10 * M10));

    /// <summary>The same frame moved by <paramref name="dy"/> canonical units along the face's own vertical axis.</summary>
    public FaceFrame ShiftedDown(double dy) => this with { M02 = M02 + (M01 * dy), M12 = M12 + (M11 * dy) };

    /// <summary>The 2x3 matrix of this map, for warpAffine.</summary>
    public Mat ToMat()
    {
        var mat = new Mat(2, 3, MatType.CV_64FC1);
        mat.Set(0, 0, M00);
        mat.Set(0, 1, M01);
        mat.Set(0, 2, M02);
        mat.Set(1, 0, M10);
        mat.Set(1, 1, M11);
        mat.Set(1, 2, M12);
        return mat;
    }

    /// <summary>The inverse map: image pixels to canonical coordinates.</summary>
    public FaceFrame Inverse()
    {
        var determinant = (M00 * M11) - (M01 * M10);
        if (Math.Abs(determinant) < 1e-12)
        {
            throw new InvalidOperationException("A face frame of zero size has no inverse.");
        }

        var i00 = M11 / determinant;
        var i01 = -M01 / determinant;
        var i10 = -M10 / determinant;
        var i11 = M00 / determinant;
        return new FaceFrame(i00, i01, -((i00 * M02) + (i01 * M12)), i10, i11, -((i10 * M02) + (i11 * M12)));
    }

    /// <summary>This map applied after <paramref name="first"/>: canonical -> first -> this.</summary>
    public FaceFrame After(FaceFrame first) => new(
        (M00 * first.M00) + (M01 * first.M10),
        (M00 * first.M01) + (M01 * first.M11),
        (M00 * first.M02) + (M01 * first.M12) + M02,
        (M10 * first.M00) + (M11 * first.M10),
        (M10 * first.M01) + (M11 * first.M11),
        (M10 * first.M02) + (M11 * first.M12) + M12);

    /// <summary>A box's own proportions: canonical (0, 0) is its top-left corner, (1, 1) its bottom-right.</summary>
    public static FaceFrame FromBox(Rect box) => new(box.Width, 0, box.X, 0, box.Height, box.Y);

    /// <summary>The similarity transform that best maps <see cref="CanonicalLandmarks"/> onto <paramref name="landmarks"/> (least squares).</summary>
    public static FaceFrame FromLandmarks(FaceLandmarks landmarks)
    {
        var points = landmarks.ToArray();
        double meanX = 0, meanY = 0, meanU = 0, meanV = 0;
        for (var i = 0; i < points.Length; i++)
        {
            meanX += CanonicalLandmarks[i].X;
            meanY += CanonicalLandmarks[i].Y;
            meanU += points[i].X;
            meanV += points[i].Y;
        }

        meanX /= points.Length;
        meanY /= points.Length;
        meanU /= points.Length;
        meanV /= points.Length;
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = CanonicalLandmarks[i].X - meanX;
            var y = CanonicalLandmarks[i].Y - meanY;
            var u = points[i].X - meanU;
            var v = points[i].Y - meanV;
            dot += (x * u) + (y * v);
            cross += (x * v) - (y * u);
            norm += (x * x) + (y * y);
        }

        var a = dot / norm;
        var b = cross / norm;
        return new FaceFrame(a, -b, meanU - ((a * meanX) - (b * meanY)), b, a, meanV - ((b * meanX) + (a * meanY)));
    }
}
