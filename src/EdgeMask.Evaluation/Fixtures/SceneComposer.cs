using System.Globalization;
using System.Xml.Linq;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Fixtures;

/// <summary>
/// Composes annotated test scenes from labelled face crops (a <c>with_mask/</c> and <c>without_mask/</c> folder) pasted
/// onto background photos, and writes them as JPEG images plus Pascal VOC XML that <see cref="VocAnnotationReader"/> reads.
/// </summary>
/// <remarks>
/// The annotated box of a face is the whole pasted crop rectangle (VOC xmin = x, xmax = x + width), because the crops
/// carry no face box of their own. For the tight crops that is the face; for the looser crops (many with_mask ones show
/// hair, neck or shoulders) the box is larger than the face, so a detector's face box can overlap it by less than
/// IoU 0.5 and count as a miss: masked recall on these scenes is biased low for every detector alike.
/// Every random choice comes from one <see cref="Random"/> seeded by <see cref="SceneCompositionOptions.Seed"/>, over
/// file lists sorted by ordinal name, so the same seed and inputs give byte-identical files.
/// </remarks>
public sealed class SceneComposer
{
    public const string ImagesFolder = "images";
    public const string AnnotationsFolder = "annotations";

    private static readonly (string Folder, MaskStatus Label)[] Classes = [("with_mask", MaskStatus.Mask), ("without_mask", MaskStatus.NoMask)];

    private readonly SceneCompositionOptions _options;
    private readonly string _cropsDirectory;
    private readonly IReadOnlyList<string> _backgrounds;
    private readonly string[][] _cropFiles;

    /// <param name="cropsDirectory">Holds <c>with_mask/</c> and <c>without_mask/</c> with image files.</param>
    /// <param name="backgroundFiles">Photos to paste faces onto; should contain no faces of their own (they would count as false detections).</param>
    public SceneComposer(SceneCompositionOptions options, string cropsDirectory, IReadOnlyList<string> backgroundFiles)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _cropsDirectory = Path.GetFullPath(cropsDirectory);
        _cropFiles = Classes.Select(c => ListImages(Path.Combine(_cropsDirectory, c.Folder))).ToArray();
        _backgrounds = backgroundFiles.Order(StringComparer.Ordinal).ToArray();
        if (_backgrounds.Count == 0)
        {
            throw new ArgumentException("At least one background photo is needed.", nameof(backgroundFiles));
        }

        foreach (var missing in _backgrounds.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"Background photo '{missing}' does not exist.", missing);
        }
    }

    /// <summary>Writes <c>images/scene_NNNN.jpg</c> and <c>annotations/scene_NNNN.xml</c> under <paramref name="outputDirectory"/>.</summary>
    public IReadOnlyList<ComposedScene> Compose(string outputDirectory)
    {
        var imagesDir = Path.Combine(outputDirectory, ImagesFolder);
        var annotationsDir = Path.Combine(outputDirectory, AnnotationsFolder);
        Directory.CreateDirectory(imagesDir);
        Directory.CreateDirectory(annotationsDir);

        var random = new Random(_options.Seed);
        var backgrounds = new Dictionary<string, Mat>(StringComparer.Ordinal);
        var scenes = new List<ComposedScene>(_options.SceneCount);
        try
        {
            for (var index = 0; index < _options.SceneCount; index++)
            {
                var (width, height) = _options.SceneSizesPixels[index % _options.SceneSizesPixels.Count];
                var name = $"scene_{index:D4}";
                using var canvas = ComposeBackground(random, backgrounds, width, height);
                var faces = new List<AnnotatedFace>();
                var sources = new List<string>();
                var count = random.Next(_options.MinFacesPerScene, _options.MaxFacesPerScene + 1);
                for (var f = 0; f < count; f++)
                {
                    if (TryPasteFace(random, canvas, faces) is { } pasted)
                    {
                        faces.Add(pasted.Face);
                        sources.Add(pasted.Source);
                    }
                }

                // A whole-scene exposure change on top of the per-face ones: dim or bright entrances.
                var exposure = 0.7 + (random.NextDouble() * 0.5);
                canvas.ConvertTo(canvas, MatType.CV_8UC3, exposure);

                Cv2.ImWrite(Path.Combine(imagesDir, name + ".jpg"), canvas, new ImageEncodingParam(ImwriteFlags.JpegQuality, _options.JpegQuality));
                var annotation = new AnnotatedImage(name + ".jpg", width, height, faces);
                File.WriteAllText(Path.Combine(annotationsDir, name + ".xml"), ToVocXml(annotation, sources).ToString());
                scenes.Add(new ComposedScene(annotation, sources));
            }
        }
        finally
        {
            foreach (var background in backgrounds.Values)
            {
                background.Dispose();
            }
        }

        return scenes;
    }

    /// <summary>Pascal VOC XML for one scene; each object also names the crop it came from (<c>source_crop</c>), which VOC readers ignore.</summary>
    public static XDocument ToVocXml(AnnotatedImage annotation, IReadOnlyList<string> sourceCrops)
    {
        var root = new XElement(
            "annotation",
            new XElement("folder", ImagesFolder),
            new XElement("filename", annotation.ImageFile),
            new XElement("size", new XElement("width", annotation.Width), new XElement("height", annotation.Height), new XElement("depth", 3)));
        for (var i = 0; i < annotation.Faces.Count; i++)
        {
            var face = annotation.Faces[i];
            root.Add(new XElement(
                "object",
                new XElement("name", face.RawLabel),
                new XElement("pose", "Unspecified"),
                new XElement("truncated", 0),
                new XElement("difficult", 0),
                new XElement("source_crop", sourceCrops[i]),
                new XElement(
                    "bndbox",
                    new XElement("xmin", face.Box.X.ToString(CultureInfo.InvariantCulture)),
                    new XElement("ymin", face.Box.Y.ToString(CultureInfo.InvariantCulture)),
                    new XElement("xmax", face.Box.Right.ToString(CultureInfo.InvariantCulture)),
                    new XElement("ymax", face.Box.Bottom.ToString(CultureInfo.InvariantCulture)))));
        }

        return new XDocument(root);
    }

    private Mat ComposeBackground(Random random, Dictionary<string, Mat> cache, int width, int height)
    {
        var file = _backgrounds[random.Next(_backgrounds.Count)];
        if (!cache.TryGetValue(file, out var photo))
        {
            photo = Cv2.ImRead(file, ImreadModes.Color);
            if (photo.Empty())
            {
                photo.Dispose();
                throw new InvalidDataException($"Background photo '{file}' is not a readable image.");
            }

            cache[file] = photo;
        }

        // Cover the scene, zoomed in by up to 1.5x, then cut a random window: a different view of the same photo each time.
        var zoom = Math.Max((double)width / photo.Width, (double)height / photo.Height) * (1 + (random.NextDouble() * 0.5));
        using var scaled = photo.Resize(new Size(Math.Max(width, (int)Math.Ceiling(photo.Width * zoom)), Math.Max(height, (int)Math.Ceiling(photo.Height * zoom))));
        var x = random.Next(scaled.Width - width + 1);
        var y = random.Next(scaled.Height - height + 1);
        var canvas = new Mat(scaled, new Rect(x, y, width, height)).Clone();
        if (random.Next(2) == 1)
        {
            Cv2.Flip(canvas, canvas, FlipMode.Y);
        }

        return canvas;
    }

    private (AnnotatedFace Face, string Source)? TryPasteFace(Random random, Mat canvas, List<AnnotatedFace> placed)
    {
        var classIndex = random.Next(Classes.Length);
        var files = _cropFiles[classIndex];
        var file = files[random.Next(files.Length)];
        var logWidth = Math.Log(_options.MinFaceWidthPixels) + (random.NextDouble() * (Math.Log(_options.MaxFaceWidthPixels) - Math.Log(_options.MinFaceWidthPixels)));
        var gain = 0.6 + (random.NextDouble() * 0.8);
        var offset = (random.NextDouble() * 80) - 40;
        var blurSigma = random.NextDouble() < 0.35 ? 0.6 + (random.NextDouble() * 1.4) : 0;
        var tries = Enumerable.Range(0, 30).Select(_ => (random.NextDouble(), random.NextDouble())).ToArray();

        using var crop = Cv2.ImRead(Path.Combine(_cropsDirectory, Classes[classIndex].Folder, file), ImreadModes.Color);
        if (crop.Empty())
        {
            throw new InvalidDataException($"Face crop '{Path.Combine(_cropsDirectory, Classes[classIndex].Folder, file)}' is not a readable image.");
        }

        var width = (int)Math.Round(Math.Exp(logWidth));
        var height = Math.Max(1, (int)Math.Round(width * (double)crop.Height / crop.Width));
        if (height >= canvas.Height || width >= canvas.Width)
        {
            return null;
        }

        foreach (var (u, v) in tries)
        {
            var box = new PixelBox((int)(u * (canvas.Width - width)), (int)(v * (canvas.Height - height)), width, height);
            var spaced = box.ExpandAndClip(0.1, canvas.Width, canvas.Height);
            if (placed.Any(p => !p.Box.Intersect(spaced).IsEmpty))
            {
                continue;
            }

            using var face = crop.Resize(new Size(width, height), 0, 0, width < crop.Width ? InterpolationFlags.Area : InterpolationFlags.Linear);
            face.ConvertTo(face, MatType.CV_8UC3, gain, offset);
            if (blurSigma > 0)
            {
                Cv2.GaussianBlur(face, face, new Size(0, 0), blurSigma);
            }

            using var target = new Mat(canvas, new Rect(box.X, box.Y, box.Width, box.Height));
            face.CopyTo(target);
            var label = Classes[classIndex].Label;
            return (new AnnotatedFace(box, label, MaskLabels.ToLabel(label)), $"{Classes[classIndex].Folder}/{file}");
        }

        return null;
    }

    private static string[] ListImages(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Crop folder '{folder}' does not exist; the crops folder needs with_mask/ and without_mask/.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0 ? files : throw new InvalidDataException($"Crop folder '{folder}' has no .jpg or .png images.");
    }
}
