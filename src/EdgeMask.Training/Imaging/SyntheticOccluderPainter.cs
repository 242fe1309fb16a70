using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Paints things that hide part of a face but are not a mask: a hand over mouth and nose, and sunglasses. Bare faces
/// with a hand stay "without mask", and sunglasses go on faces of every class, so that "something covers the lower
/// face" and "dark eyes" stop being cues for a mask. Positions follow the proportions of a Haar frontal-face box
/// (eyes near 0.38 of its height, mouth near 0.78), as in <see cref="SyntheticMaskPainter"/>.
/// </summary>
public static class SyntheticOccluderPainter
{
    private static readonly Scalar[] LensColours =
    [
        new(20, 20, 20),    // black
        new(30, 45, 60),    // brown
        new(70, 40, 20),    // dark blue
        new(60, 60, 60),    // smoke grey
        new(40, 70, 40),    // green
    ];

    /// <summary>Paints onto <paramref name="bgr"/> (in place) a hand, in the face's own skin tone, over the mouth and usually the nose.</summary>
    public static void Hand(Mat bgr, Rect face, Random random)
    {
        double J(double spread) => (random.NextDouble() * 2 - 1) * spread;
        var skin = PaintColour.Scale(SkinTone(bgr, face), 0.9 + J(0.12));
        var crease = PaintColour.Scale(skin, 0.7);
        var unit = face.Width;

        // A palm beside the mouth, fingers reaching across mouth and nose from one side at a random slant.
        var fromLeft = random.Next(2) == 0;
        var slant = J(30) + (fromLeft ? 0 : 180);
        var direction = new Point2f((float)Math.Cos(slant * Math.PI / 180), (float)Math.Sin(slant * Math.PI / 180));
        var across = new Point2f(-direction.Y, direction.X);
        var mouth = new Point2f((float)(face.X + unit * (0.5 + J(0.08))), (float)(face.Y + face.Height * (0.72 + J(0.06))));
        var palmCentre = mouth - direction * (float)(unit * 0.3);
        var fingerLength = unit * (0.42 + J(0.06));
        var fingerWidth = unit * (0.095 + J(0.015));

        using var layer = new Mat(bgr.Size(), MatType.CV_8UC3, skin);
        using var alpha = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        var palm = new RotatedRect(palmCentre, new Size2f((float)(unit * 0.36), (float)(fingerWidth * 4.4)), (float)slant);
        Cv2.Ellipse(alpha, palm, Scalar.All(255), -1, LineTypes.AntiAlias);
        Cv2.Ellipse(layer, palm, PaintColour.Scale(skin, 0.92), -1, LineTypes.AntiAlias);

        var edge = Math.Max(1, face.Width / 60);
        for (var i = -1.5; i <= 1.5; i += 1)
        {
            var length = fingerLength * (1 - 0.12 * Math.Abs(i + 0.5));
            var fingerBase = palmCentre + direction * (float)(unit * 0.1) + across * (float)(fingerWidth * i);
            var centre = fingerBase + direction * (float)(length / 2);
            var finger = new RotatedRect(centre, new Size2f((float)length, (float)fingerWidth), (float)slant);
            Cv2.Ellipse(alpha, finger, Scalar.All(255), -1, LineTypes.AntiAlias);

            // Each finger rounded: darker outline, lighter ridge, a knuckle crease.
            Cv2.Ellipse(layer, finger, crease, edge, LineTypes.AntiAlias);
            var ridge = new RotatedRect(centre, new Size2f((float)(length * 0.8), (float)(fingerWidth * 0.35)), (float)slant);
            Cv2.Ellipse(layer, ridge, PaintColour.Scale(skin, 1.1), -1, LineTypes.AntiAlias);
            var knuckle = fingerBase + direction * (float)(length * 0.62);
            var half = across * (float)(fingerWidth * 0.35);
            Cv2.Line(layer, (knuckle - half).ToPoint(), (knuckle + half).ToPoint(), crease, edge, LineTypes.AntiAlias);
        }

        // Skin is not flat paint: light falls off towards the palm, and there is fine texture.
        var smooth = Math.Max(1, face.Width / 50) * 2 + 1;
        Cv2.GaussianBlur(layer, layer, new Size(smooth, smooth), 0);
        // Seeded from the sample's own Random: OpenCV's global generator is per thread, which would make a run's
        // samples depend on how the thread pool scheduled them.
        using var grainSigned = new Mat(bgr.Size(), MatType.CV_16SC3);
        var generator = new RNG((ulong)random.NextInt64(1, long.MaxValue));
        generator.Fill(grainSigned, DistributionType.Normal, Scalar.All(0), Scalar.All(4));
        using var layerSigned = new Mat();
        layer.ConvertTo(layerSigned, MatType.CV_16SC3);
        Cv2.Add(layerSigned, grainSigned, layerSigned);
        layerSigned.ConvertTo(layer, MatType.CV_8UC3);

        Soften(alpha, face);
        Blend(bgr, layer, alpha);
    }

    /// <summary>Paints onto <paramref name="bgr"/> (in place) a pair of sunglasses over the eyes.</summary>
    public static void Sunglasses(Mat bgr, Rect face, Random random)
    {
        double J(double spread) => (random.NextDouble() * 2 - 1) * spread;
        Point P(double fx, double fy) => new(face.X + fx * face.Width, face.Y + fy * face.Height);

        var eyes = 0.38 + J(0.04);
        var spacing = 0.21 + J(0.02);
        var lensSize = new Size((int)(face.Width * (0.155 + J(0.025))), (int)(face.Height * (0.095 + J(0.02))));
        var lens = LensColours[random.Next(LensColours.Length)];
        var frame = random.Next(3) == 0 ? new Scalar(random.Next(40, 200), random.Next(40, 200), random.Next(40, 200)) : PaintColour.Scale(lens, 0.6);
        var thickness = Math.Max(1, face.Width / 45);

        foreach (var side in new[] { -1, 1 })
        {
            var centre = P(0.5 + side * spacing, eyes);
            Cv2.Ellipse(bgr, centre, lensSize, 0, 0, 360, lens, -1, LineTypes.AntiAlias);
            Cv2.Ellipse(bgr, centre, lensSize, 0, 0, 360, frame, thickness, LineTypes.AntiAlias);

            // A sky reflection across the upper part of the lens.
            var glint = new Point(centre.X - side * lensSize.Width / 3, centre.Y - lensSize.Height / 3);
            Cv2.Ellipse(bgr, glint, new Size(Math.Max(1, lensSize.Width / 4), Math.Max(1, lensSize.Height / 6)), -20, 0, 360, PaintColour.Lighten(lens), -1, LineTypes.AntiAlias);

            // Temple arm towards the ear.
            Cv2.Line(bgr, new Point(centre.X + side * lensSize.Width, centre.Y - lensSize.Height / 3), P(0.5 + side * 0.52, eyes - 0.02), frame, thickness, LineTypes.AntiAlias);
        }

        Cv2.Line(bgr, P(0.5 - spacing + 0.12, eyes - 0.02), P(0.5 + spacing - 0.12, eyes - 0.02), frame, thickness, LineTypes.AntiAlias);
    }

    // Median colour of the cheeks and nose band: skin on a bare face, whatever the lighting.
    private static Scalar SkinTone(Mat bgr, Rect face)
    {
        var band = new Rect(face.X + face.Width / 4, face.Y + face.Height * 45 / 100, face.Width / 2, face.Height / 6) & new Rect(0, 0, bgr.Width, bgr.Height);
        if (band.Width < 1 || band.Height < 1)
        {
            return new Scalar(120, 150, 200);
        }

        using var region = new Mat(bgr, band);
        var channels = region.Split();
        try
        {
            return new Scalar(Median(channels[0]), Median(channels[1]), Median(channels[2]));
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static double Median(Mat channel)
    {
        using var contiguous = channel.Clone();
        contiguous.GetArray(out byte[] values);
        Array.Sort(values);
        return values[values.Length / 2];
    }

    // Hands are out of focus at the edge compared with the drawing: blur the alpha a little.
    private static void Soften(Mat alpha, Rect face)
    {
        var kernel = Math.Max(1, face.Width / 40) * 2 + 1;
        Cv2.GaussianBlur(alpha, alpha, new Size(kernel, kernel), 0);
    }

    private static void Blend(Mat bgr, Mat layer, Mat alpha)
    {
        using var weights = new Mat();
        alpha.ConvertTo(weights, MatType.CV_32FC1, 1 / 255.0);
        using var weights3 = new Mat();
        Cv2.Merge([weights, weights, weights], weights3);
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1.0), weights3, inverse);
        using var background = new Mat();
        using var foreground = new Mat();
        bgr.ConvertTo(background, MatType.CV_32FC3);
        layer.ConvertTo(foreground, MatType.CV_32FC3);
        Cv2.Multiply(foreground, weights3, foreground);
        Cv2.Multiply(background, inverse, background);
        Cv2.Add(foreground, background, foreground);
        foreground.ConvertTo(bgr, MatType.CV_8UC3);
    }
}
