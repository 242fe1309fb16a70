using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Paints a respirator (an FFP2/N95 cup, often with an exhalation valve and head straps) over nose, mouth and chin.
/// The training set's masks are almost all flat surgical and cloth masks, and respirators were the largest group of
/// masked faces the classifier called bare on the development scenes. Placed in canonical face coordinates
/// (<see cref="FaceFrame"/>) like <see cref="SyntheticMaskPainter"/>; worn correctly only.
/// </summary>
public static class SyntheticRespiratorPainter
{
    private static readonly Scalar[] CupColours =
    [
        new(240, 240, 240), // white
        new(215, 225, 230), // off-white
        new(150, 150, 150), // grey
        new(45, 45, 45),    // black
        new(200, 170, 120), // light blue (BGR)
    ];

    private static readonly Scalar[] AccentColours =
    [
        new(40, 200, 230),  // yellow
        new(30, 120, 230),  // orange
        new(180, 110, 40),  // blue
        new(60, 60, 60),    // dark grey
        new(235, 235, 235), // white
    ];

    /// <summary>Paints onto <paramref name="bgr"/> (in place) a respirator placed in the face's canonical coordinates.</summary>
    public static void Paint(Mat bgr, FaceFrame frame, Random random)
    {
        double J(double spread) => (random.NextDouble() * 2 - 1) * spread;
        var cup = CupColours[random.Next(CupColours.Length)];
        var accent = AccentColours[random.Next(AccentColours.Length)];
        var thickness = Math.Max(1, (int)(frame.Width / 40));

        // Straps first, so the cup covers where they meet it: one above the ears, one around the neck.
        var strapTop = 0.48 + J(0.04);
        Cv2.Line(bgr, frame.MapToPixel(0.2, strapTop), frame.MapToPixel(-0.05, 0.32 + J(0.05)), accent, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, frame.MapToPixel(0.8, strapTop), frame.MapToPixel(1.05, 0.32 + J(0.05)), accent, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, frame.MapToPixel(0.18, 0.9), frame.MapToPixel(0.0, 1.0 + J(0.04)), accent, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, frame.MapToPixel(0.82, 0.9), frame.MapToPixel(1.0, 1.0 + J(0.04)), accent, thickness, LineTypes.AntiAlias);

        var polygon = Outline(random).Select(p => frame.MapToPixel(p.X, p.Y)).ToArray();
        using var layer = new Mat(bgr.Size(), MatType.CV_8UC3, cup);

        // The cup's moulded rim and, on folding respirators, a crease across the middle.
        Cv2.Polylines(layer, [polygon], isClosed: true, PaintColour.Scale(cup, 0.75), thickness, LineTypes.AntiAlias);
        if (random.Next(2) == 0)
        {
            Cv2.Line(layer, frame.MapToPixel(0.16, 0.74 + J(0.03)), frame.MapToPixel(0.84, 0.74 + J(0.03)), PaintColour.Scale(cup, 0.8), thickness, LineTypes.AntiAlias);
        }

        if (random.NextDouble() < 0.6)
        {
            // An exhalation valve: a disc or a rounded box on one side of the mouth, in the accent or a dark colour.
            var centre = frame.MapToPixel(0.5 + (random.Next(2) == 0 ? -1 : 1) * (0.12 + J(0.05)), 0.8 + J(0.04));
            var radius = Math.Max(2, (int)(frame.Width * (0.07 + J(0.015))));
            var valve = random.Next(2) == 0 ? accent : new Scalar(50, 50, 50);
            Cv2.Circle(layer, centre, radius, valve, -1, LineTypes.AntiAlias);
            Cv2.Circle(layer, centre, Math.Max(1, radius * 6 / 10), PaintColour.Scale(valve, 0.7), Math.Max(1, thickness / 2), LineTypes.AntiAlias);
        }

        SyntheticMaskPainter.Shade(layer, Cv2.BoundingRect(polygon), random);
        using var alpha = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillPoly(alpha, [polygon], Scalar.All(255), LineTypes.AntiAlias);
        layer.CopyTo(bgr, alpha);
    }

    /// <summary>The cup's outline in canonical face coordinates: an oval from the nose bridge to below the chin.</summary>
    public static (double X, double Y)[] Outline(Random random)
    {
        double J(double spread) => (random.NextDouble() * 2 - 1) * spread;
        var (centreX, centreY) = (0.5 + J(0.03), 0.73 + J(0.03));
        var (halfWidth, halfHeight) = (0.36 + J(0.04), 0.33 + J(0.03));
        const int points = 16;
        return [.. Enumerable.Range(0, points).Select(i =>
        {
            var angle = 2 * Math.PI * i / points;
            // Narrower over the nose bridge than at the chin: the cup's classic shape.
            var narrowing = Math.Sin(angle) < 0 ? 1 + (0.22 * Math.Sin(angle)) : 1;
            return (centreX + (halfWidth * narrowing * Math.Cos(angle)), centreY + (halfHeight * Math.Sin(angle)));
        })];
    }
}
