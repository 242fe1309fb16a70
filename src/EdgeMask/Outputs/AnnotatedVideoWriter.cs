using EdgeMask.Capture;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Pipeline;
using OpenCvSharp;

namespace EdgeMask.Outputs;

/// <summary>
/// Writes the tutorial-style annotated video: a green box for a mask, red for no mask, amber for uncertain,
/// each with its label and confidence, track id, and a red line between people standing too close.
/// MJPG in an .avi container, which the bundled OpenCV can always encode.
/// </summary>
public sealed class AnnotatedVideoWriter : IFrameObserver, IDisposable
{
    private static readonly Scalar Green = new(60, 200, 60);
    private static readonly Scalar Red = new(40, 40, 230);
    private static readonly Scalar Amber = new(0, 190, 255);
    private static readonly Scalar White = new(255, 255, 255);

    private readonly string _path;
    private readonly double _fps;
    private readonly Mat _canvas = new();
    private VideoWriter? _writer;

    public AnnotatedVideoWriter(string path, double fps)
    {
        _path = path;
        _fps = fps > 0 ? fps : 10;
    }

    public int FramesWritten { get; private set; }

    public void OnFrameProcessed(Frame frame, FrameAnalysis analysis, SceneUpdate update)
    {
        frame.Image.CopyTo(_canvas);
        Draw(_canvas, analysis, update);
        _writer ??= Open(_canvas.Size());
        _writer.Write(_canvas);
        FramesWritten++;
    }

    public void OnCompleted() => _writer?.Release();

    public void Dispose()
    {
        _writer?.Dispose();
        _canvas.Dispose();
    }

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

    private VideoWriter Open(Size size)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var writer = new VideoWriter(_path, FourCC.MJPG, _fps, size);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new IOException($"Cannot write the annotated video '{_path}' (MJPG/.avi, {size.Width}x{size.Height}).");
        }

        return writer;
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
