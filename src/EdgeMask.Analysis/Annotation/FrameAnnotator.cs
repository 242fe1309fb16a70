using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using OpenCvSharp;

namespace EdgeMask.Analysis.Annotation;

/// <summary>
/// Draws what the sentinel decided onto a frame, the tutorial's way: a green box for a mask, red for no mask, amber
/// for uncertain, each with its label, confidence, track id and distance from the camera, a red line between people
/// standing too close, and a status line. One drawing for replay videos, the live view and incident snapshots.
/// </summary>
public static class FrameAnnotator
{
    private static readonly Scalar Green = new(60, 200, 60);
    private static readonly Scalar Red = new(40, 40, 230);
    private static readonly Scalar Amber = new(0, 190, 255);
    private static readonly Scalar White = new(255, 255, 255);

    /// <summary>Draws boxes, labels and distance lines onto <paramref name="canvas"/>.</summary>
    public static void Draw(Mat canvas, FrameAnalysis analysis, SceneUpdate update)
    {
        foreach (var face in analysis.Faces)
        {
            var colour = ColourOf(face.Mask.Status);
            var rect = ToRect(face.Box);
            Cv2.Rectangle(canvas, rect, colour, 2);
            var person = update.People.FirstOrDefault(p => p.Box == face.Box);
            var label = $"{LabelOf(face.Mask.Status)} {face.Mask.Confidence:0.00}" + (person is null ? string.Empty : $" #{person.TrackId}");
            var origin = new Point(rect.X, Math.Max(12, rect.Y - 6));
            Cv2.PutText(canvas, label, origin, HersheyFonts.HersheySimplex, 0.5, colour, 2, LineTypes.AntiAlias);

            // The aiming aid: how wide the face is and how far away that puts it.
            var measure = $"{face.Box.Width} px" + (person?.PositionMeters is { } position ? $"  {position.Z:0.0} m" : string.Empty);
            var below = new Point(rect.X, Math.Min(canvas.Rows - 4, rect.Bottom + 14));
            Cv2.PutText(canvas, measure, below, HersheyFonts.HersheySimplex, 0.4, colour, 1, LineTypes.AntiAlias);
        }

        foreach (var incident in update.Events.Where(e => e.Kind == IncidentKind.TooClose && e.Phase != IncidentPhase.End))
        {
            var people = update.People.Where(p => incident.TrackIds.Contains(p.TrackId)).ToArray();
            for (var i = 0; i + 1 < people.Length; i++)
            {
                Cv2.Line(canvas, Centre(people[i].Box), Centre(people[i + 1].Box), Red, 2, LineTypes.AntiAlias);
            }
        }

        var status = $"people {update.State.PeopleInView}  mask {(update.State.MaskViolation ? "VIOLATION" : "ok")}  distance {(update.State.DistanceViolation ? "VIOLATION" : "ok")}";
        Cv2.PutText(canvas, status, new Point(8, canvas.Rows - 10), HersheyFonts.HersheySimplex, 0.5, update.State.AnyViolation ? Red : White, 1, LineTypes.AntiAlias);
    }

    /// <summary>
    /// Blurs every face so strongly that nobody can be recognised (privacy), before boxes are drawn over it. The box is
    /// widened a little: detectors often cut off the forehead and chin.
    /// </summary>
    public static void BlurFaces(Mat canvas, IEnumerable<FaceObservation> faces)
    {
        var frame = new Rect(0, 0, canvas.Cols, canvas.Rows);
        foreach (var face in faces)
        {
            var margin = face.Box.Width / 5;
            var area = new Rect(face.Box.X - margin, face.Box.Y - margin, face.Box.Width + (2 * margin), face.Box.Height + (2 * margin)).Intersect(frame);
            if (area.Width < 2 || area.Height < 2)
            {
                continue;
            }

            using var region = new Mat(canvas, area);
            using var small = new Mat();

            // Down to at most 8 blocks across and back up: pixelation cannot be undone the way a light blur can.
            var blocks = Math.Max(1, Math.Min(8, area.Width / 4));
            Cv2.Resize(region, small, new Size(blocks, Math.Max(1, blocks * area.Height / area.Width)), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, region, area.Size, 0, 0, InterpolationFlags.Nearest);
        }
    }

    private static Scalar ColourOf(MaskStatus status) => status switch
    {
        MaskStatus.Mask => Green,
        MaskStatus.NoMask or MaskStatus.WornIncorrectly => Red,
        _ => Amber,
    };

    private static string LabelOf(MaskStatus status) => status switch
    {
        MaskStatus.Mask => "mask",
        MaskStatus.NoMask => "no mask",
        MaskStatus.WornIncorrectly => "mask below nose",
        _ => "uncertain",
    };

    private static Rect ToRect(PixelBox box) => new(box.X, box.Y, box.Width, box.Height);

    private static Point Centre(PixelBox box) => new((int)box.CenterX, (int)box.CenterY);
}
