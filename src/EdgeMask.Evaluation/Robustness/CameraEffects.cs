using OpenCvSharp;

namespace EdgeMask.Evaluation.Robustness;

/// <summary>
/// What cheap entrance cameras do to a face, as image operations on an 8-bit BGR image (changed in place). The
/// robustness suite applies them with fixed strengths; the trainer draws their strengths at random, so the model is
/// trained on the conditions it is judged on.
/// </summary>
public static class CameraEffects
{
    /// <summary>Under-exposure by a gamma curve: out = in^gamma (gamma 2-3 leaves faces dark, shadows crushed).</summary>
    public static void Gamma(Mat bgr, double gamma)
    {
        using var table = new Mat(1, 256, MatType.CV_8UC1);
        for (var level = 0; level < 256; level++)
        {
            table.Set(0, level, (byte)Math.Round(255 * Math.Pow(level / 255.0, gamma)));
        }

        Cv2.LUT(bgr, table, bgr);
    }

    /// <summary>Exposure changed by <paramref name="stops"/> (EV): -1.5 multiplies the light by 0.35.</summary>
    public static void Exposure(Mat bgr, double stops) => bgr.ConvertTo(bgr, MatType.CV_8UC3, Math.Pow(2, stops));

    /// <summary>
    /// Infrared night mode: no colour, contrast flattened towards mid-grey by <paramref name="contrast"/> (0.3-0.6),
    /// the soft look of an IR-lit lens.
    /// </summary>
    public static void InfraredNight(Mat bgr, double contrast)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        var mean = Cv2.Mean(grey).Val0;
        grey.ConvertTo(grey, MatType.CV_8UC1, contrast, (1 - contrast) * ((mean + 128) / 2));
        Cv2.GaussianBlur(grey, grey, new Size(0, 0), Math.Max(0.5, bgr.Width / 160.0));
        Cv2.CvtColor(grey, bgr, ColorConversionCodes.GRAY2BGR);
    }

    /// <summary>Gaussian sensor noise of <paramref name="sigmaLevels"/> grey levels, drawn from <paramref name="random"/>.</summary>
    public static void SensorNoise(Mat bgr, double sigmaLevels, Random random)
    {
        using var floats = new Mat();
        bgr.ConvertTo(floats, MatType.CV_32FC3);
        var values = new float[bgr.Width * bgr.Height * 3];
        for (var i = 0; i < values.Length; i++)
        {
            var u = 1 - random.NextDouble();
            values[i] = (float)(sigmaLevels * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        using var noise = Mat.FromPixelData(bgr.Height, bgr.Width, MatType.CV_32FC3, values);
        Cv2.Add(floats, noise, floats);
        floats.ConvertTo(bgr, MatType.CV_8UC3);
    }

    /// <summary>Linear motion blur over <paramref name="lengthFraction"/> of the image width, at <paramref name="angleDegrees"/>.</summary>
    public static void MotionBlur(Mat bgr, double lengthFraction, double angleDegrees)
    {
        var length = Math.Max(3, (int)Math.Round(bgr.Width * lengthFraction) | 1);
        using var kernel = new Mat(length, length, MatType.CV_32FC1, Scalar.All(0));
        var centre = length / 2.0;
        var dx = Math.Cos(angleDegrees * Math.PI / 180) * (length - 1) / 2.0;
        var dy = Math.Sin(angleDegrees * Math.PI / 180) * (length - 1) / 2.0;
        Cv2.Line(kernel, new Point(centre - dx, centre - dy), new Point(centre + dx, centre + dy), Scalar.All(1), 1, LineTypes.AntiAlias);
        var sum = Cv2.Sum(kernel).Val0;
        kernel.ConvertTo(kernel, MatType.CV_32FC1, 1 / sum);
        Cv2.Filter2D(bgr, bgr, -1, kernel, borderType: BorderTypes.Replicate);
    }

    /// <summary>JPEG compression at <paramref name="quality"/> (1-100).</summary>
    public static void Jpeg(Mat bgr, int quality)
    {
        Cv2.ImEncode(".jpg", bgr, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        using var decoded = Cv2.ImDecode(bytes, ImreadModes.Color);
        decoded.CopyTo(bgr);
    }

    /// <summary>
    /// A small face scaled up: the image shrunk so that a face of <paramref name="faceWidth"/> px becomes
    /// <paramref name="targetFacePixels"/> px wide, then resized back (what the classifier sees of a distant face).
    /// </summary>
    public static void SmallFace(Mat bgr, double faceWidth, int targetFacePixels)
    {
        var scale = Math.Min(1.0, targetFacePixels / Math.Max(1.0, faceWidth));
        var size = new Size(Math.Max(2, (int)Math.Round(bgr.Width * scale)), Math.Max(2, (int)Math.Round(bgr.Height * scale)));
        using var small = new Mat();
        Cv2.Resize(bgr, small, size, interpolation: InterpolationFlags.Area);
        Cv2.Resize(small, bgr, bgr.Size(), interpolation: InterpolationFlags.Linear);
    }

    /// <summary>
    /// Strong back-light: the face under-exposed by <paramref name="faceStops"/> while the light behind it (the
    /// image's border, fading in over <paramref name="haloFraction"/> of the face size) clips towards white.
    /// </summary>
    public static void BackLight(Mat bgr, Rect face, double faceStops, double haloFraction)
    {
        Exposure(bgr, faceStops);
        int width = bgr.Width, height = bgr.Height;
        var weights = new float[width * height];
        var cx = face.X + (face.Width / 2.0);
        var cy = face.Y + (face.Height / 2.0);
        var rx = Math.Max(1, face.Width / 2.0);
        var ry = Math.Max(1, face.Height / 2.0);
        var fade = Math.Max(0.05, haloFraction);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // 0 inside the face ellipse, rising to 1 over `fade` face radii outside it.
                var r = Math.Sqrt(Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2));
                weights[(y * width) + x] = (float)Math.Clamp((r - 1) / fade, 0, 1);
            }
        }

        using var weight = Mat.FromPixelData(height, width, MatType.CV_32FC1, weights);
        using var floats = new Mat();
        bgr.ConvertTo(floats, MatType.CV_32FC3);
        using var weight3 = new Mat();
        Cv2.Merge([weight, weight, weight], weight3);
        using var white = new Mat(bgr.Size(), MatType.CV_32FC3, Scalar.All(250));
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1), weight3, inverse);
        Cv2.Multiply(floats, inverse, floats);
        Cv2.Multiply(white, weight3, white);
        Cv2.Add(floats, white, floats);
        floats.ConvertTo(bgr, MatType.CV_8UC3);
    }
}
