using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Scoring;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Reports;

/// <summary>
/// A contact sheet of the faces a sentinel gets wrong, to look at by eye: found faces of 32 px and more whose verdict
/// misses their group's target (a bare face not flagged, a masked face not called masked, a mask below the nose not
/// flagged). Each tile is the face with the daemon's crop margin, its true label above and the verdict with its
/// confidence below; red for a wrong call, amber for uncertain. Faces can also be added one by one, e.g. a robustness
/// condition's verdicts.
/// </summary>
public sealed class MistakeSheet : IDisposable
{
    private const int Tile = 96;
    private const int Caption = 14;
    private const int Columns = 10;
    private const double Margin = 0.15;
    private readonly List<Mat> _tiles = [];

    public int Count => _tiles.Count;

    /// <summary>Adds the image's mistakes (see the class summary).</summary>
    public void Add(Mat image, ImageResult result)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (_, truth, face) in result.FoundHeadlineFaces)
        {
            Add(image, face.Box, truth.AnnotatedStatus, face.Mask);
        }
    }

    /// <summary>Adds one face of <paramref name="image"/> if <paramref name="verdict"/> misses its group's target.</summary>
    public void Add(Mat image, PixelBox box, MaskStatus truth, MaskPrediction verdict)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(verdict);
        var right = truth == MaskStatus.Mask
            ? verdict.Status == MaskStatus.Mask
            : verdict.Status is MaskStatus.NoMask or MaskStatus.WornIncorrectly;
        if (!right)
        {
            _tiles.Add(Render(image, box, truth, verdict));
        }
    }

    /// <summary>Writes the sheet as an image file (PNG or JPEG by extension); nothing when there were no mistakes.</summary>
    public void Write(string path)
    {
        if (_tiles.Count == 0)
        {
            return;
        }

        var rows = (_tiles.Count + Columns - 1) / Columns;
        var height = Tile + (2 * Caption);
        using var sheet = new Mat(rows * height, Math.Min(Columns, _tiles.Count) * Tile, MatType.CV_8UC3, Scalar.All(255));
        for (var i = 0; i < _tiles.Count; i++)
        {
            using var target = new Mat(sheet, new Rect(i % Columns * Tile, i / Columns * height, Tile, height));
            _tiles[i].CopyTo(target);
        }

        Cv2.ImWrite(path, sheet);
    }

    public void Dispose()
    {
        foreach (var tile in _tiles)
        {
            tile.Dispose();
        }
    }

    private static Mat Render(Mat image, PixelBox box, MaskStatus truth, MaskPrediction verdict)
    {
        var tile = new Mat(Tile + (2 * Caption), Tile, MatType.CV_8UC3, Scalar.All(255));
        var region = box.ExpandAndClip(Margin, image.Width, image.Height);
        using (var crop = new Mat(image, new Rect(region.X, region.Y, region.Width, region.Height)))
        using (var target = new Mat(tile, new Rect(0, Caption, Tile, Tile)))
        {
            Cv2.Resize(crop, target, new Size(Tile, Tile), interpolation: InterpolationFlags.Linear);
        }

        var colour = verdict.Status == MaskStatus.Uncertain ? new Scalar(0, 140, 255) : new Scalar(0, 0, 220);
        Cv2.PutText(tile, Short(truth), new Point(2, Caption - 3), HersheyFonts.HersheySimplex, 0.35, Scalar.All(0), 1, LineTypes.AntiAlias);
        Cv2.PutText(tile, $"{Short(verdict.TopClass)}{(verdict.Status == MaskStatus.Uncertain ? "?" : string.Empty)} {verdict.Confidence:0.00}", new Point(2, Tile + (2 * Caption) - 3), HersheyFonts.HersheySimplex, 0.35, colour, 1, LineTypes.AntiAlias);
        return tile;
    }

    private static string Short(MaskStatus status) => status switch
    {
        MaskStatus.Mask => "mask",
        MaskStatus.NoMask => "no mask",
        MaskStatus.WornIncorrectly => "below nose",
        _ => "uncertain",
    };
}
