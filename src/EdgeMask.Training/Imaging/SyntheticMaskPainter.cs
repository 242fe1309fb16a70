using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>How a painted mask sits on the face.</summary>
public enum MaskPlacement
{
    /// <summary>Covers nose, mouth and chin: worn correctly.</summary>
    OverNose,

    /// <summary>Covers mouth and chin only: worn below the nose.</summary>
    BelowNose,

    /// <summary>Pulled down onto the chin, mouth and nose bare: worn incorrectly too.</summary>
    OnChin,
}

/// <summary>
/// Paints a face mask of random shape, colour and texture over the lower face (the MaskTheFace idea, with drawing
/// code instead of mask photos), so the same bare faces appear masked, unmasked and masked below the nose or on the
/// chin. The mask is placed in canonical face coordinates (<see cref="FaceFrame"/>): fitted to the detector's five
/// landmarks where it has them, so it sits on the nose and follows a tilted face, else from a box's proportions.
/// </summary>
public static class SyntheticMaskPainter
{
    private static readonly Scalar[] Colours =
    [
        new(230, 200, 140), // surgical blue (BGR)
        new(235, 235, 235), // white
        new(40, 40, 40),    // black
        new(150, 150, 150), // grey
        new(200, 170, 230), // pink
        new(90, 60, 30),    // navy
        new(120, 160, 110), // khaki green
    ];

    /// <summary>Paints onto <paramref name="bgr"/> (in place) a mask over the face box <paramref name="face"/>.</summary>
    public static void Paint(Mat bgr, Rect face, MaskPlacement placement, Random random) =>
        Paint(bgr, FaceFrame.FromBox(face), placement, random);

    /// <summary>Paints onto <paramref name="bgr"/> (in place) a mask placed in the face's canonical coordinates.</summary>
    public static void Paint(Mat bgr, FaceFrame frame, MaskPlacement placement, Random random)
    {
        var polygon = Outline(placement, random).Select(p => frame.MapToPixel(p.X, p.Y)).ToArray();
        var top = polygon.Min(p => p.Y);
        var bottom = polygon.Max(p => p.Y);
        var bounds = Cv2.BoundingRect(polygon);

        var colour = Colours[random.Next(Colours.Length)];
        if (random.NextDouble() < 0.25)
        {
            colour = new Scalar(random.Next(256), random.Next(256), random.Next(256));
        }

        using var layer = new Mat(bgr.Size(), MatType.CV_8UC3, colour);
        Texture(layer, bounds, top, bottom, colour, random);
        Shade(layer, bounds, random);
        using var alpha = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillPoly(alpha, [polygon], Scalar.All(255), LineTypes.AntiAlias);
        layer.CopyTo(bgr, alpha);

        // Ear loops from the mask's upper and lower corners towards the sides of the face.
        var loop = PaintColour.Scale(colour, 0.85);
        var thickness = Math.Max(1, (int)(frame.Width / 60));
        var loopHeight = placement == MaskPlacement.OverNose ? 0.42 : 0.55;
        Cv2.Line(bgr, polygon[0], frame.MapToPixel(-0.02, loopHeight), loop, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, polygon[4], frame.MapToPixel(1.02, loopHeight), loop, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, polygon[9], frame.MapToPixel(0.0, 0.62), loop, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, polygon[5], frame.MapToPixel(1.0, 0.62), loop, thickness, LineTypes.AntiAlias);
    }

    /// <summary>
    /// The mask's outline in canonical face coordinates: ten points, clockwise from the upper left corner. Over the
    /// nose its top edge crosses the bridge between the eyes (0.40) and the nose tip (0.60); below the nose it starts
    /// under the nose tip; on the chin, under the mouth (0.78).
    /// </summary>
    public static (double X, double Y)[] Outline(MaskPlacement placement, Random random)
    {
        double J(double spread) => (random.NextDouble() * 2 - 1) * spread;
        var (top, bottom) = placement switch
        {
            MaskPlacement.OverNose => (0.47 + J(0.04), 1.02 + J(0.06)),
            MaskPlacement.BelowNose => (0.65 + J(0.04), 1.04 + J(0.06)),
            _ => (0.86 + J(0.03), 1.12 + J(0.05)),
        };
        var peak = placement == MaskPlacement.OverNose ? top - 0.08 + J(0.03) : top - 0.01;
        var left = 0.10 + J(0.05);
        var right = 0.90 + J(0.05);
        var sides = Math.Max(top + 0.08, 0.78 + J(0.03));
        return
        [
            (left, top + 0.04), (0.3, top + J(0.02)), (0.5, peak), (0.7, top + J(0.02)), (right, top + 0.04),
            (right + 0.01, sides), (0.78, bottom - 0.08), (0.5, bottom), (0.22, bottom - 0.08), (left - 0.01, sides),
        ];
    }

    /// <param name="face">The mask's bounding box in the image.</param>
    /// <param name="top">The mask's top row in the image.</param>
    /// <param name="bottom">The mask's bottom row in the image.</param>
    private static void Texture(Mat layer, Rect face, int top, int bottom, Scalar colour, Random random)
    {
        var darker = PaintColour.Scale(colour, 0.8 + random.NextDouble() * 0.1);
        var thickness = Math.Max(1, face.Height / 25);
        switch (random.Next(4))
        {
            case 0: // surgical pleats
                for (var i = 1; i <= 3; i++)
                {
                    var y = (int)(top + ((bottom - top) * i / 4.5));
                    Cv2.Line(layer, new Point(face.X, y), new Point(face.Right, y), darker, thickness, LineTypes.AntiAlias);
                }

                break;
            case 1: // fabric stripes
                var step = Math.Max(3, face.Width / random.Next(6, 14));
                for (var x = face.X; x < face.Right; x += 2 * step)
                {
                    Cv2.Rectangle(layer, new Rect(x, face.Y, step, face.Height * 2), darker, -1);
                }

                break;
            case 2: // dots
                var gap = Math.Max(4, face.Width / random.Next(6, 12));
                for (var y = face.Y; y < face.Y + face.Height * 1.2; y += gap)
                {
                    for (var x = face.X; x < face.Right; x += gap)
                    {
                        Cv2.Circle(layer, new Point(x, y), Math.Max(1, gap / 4), PaintColour.Scale(colour, 0.55), -1, LineTypes.AntiAlias);
                    }
                }

                break;
            default: // plain, seam down the middle
                Cv2.Line(layer, new Point(face.X + face.Width / 2, face.Y), new Point(face.X + face.Width / 2, face.Bottom + face.Height / 5), darker, thickness, LineTypes.AntiAlias);
                break;
        }
    }

    /// <summary>A horizontal light fall-off over <paramref name="face"/> so a painted mask looks curved rather than flat.</summary>
    internal static void Shade(Mat layer, Rect face, Random random)
    {
        var centre = face.X + face.Width * (0.5 + (random.NextDouble() - 0.5) * 0.3);
        int width = layer.Width, height = layer.Height;
        var profile = new Vec3f[width];
        for (var x = 0; x < width; x++)
        {
            var distance = Math.Abs(x - centre) / Math.Max(1.0, face.Width / 2.0);
            var g = (float)(1.05 - 0.3 * Math.Min(1.0, distance * distance));
            profile[x] = new Vec3f(g, g, g);
        }

        using var gain = new Mat(layer.Size(), MatType.CV_32FC3);
        var rows = gain.AsRows<Vec3f>();
        for (var y = 0; y < height; y++)
        {
            profile.CopyTo(rows[y]);
        }

        using var floats = new Mat();
        layer.ConvertTo(floats, MatType.CV_32FC3);
        Cv2.Multiply(floats, gain, floats);
        floats.ConvertTo(layer, MatType.CV_8UC3);
    }
}
