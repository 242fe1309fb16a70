using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Evaluation.Annotations;

/// <summary>
/// Reads Pascal VOC XML annotations (object name + bndbox). Names with_mask, without_mask and
/// mask_weared_incorrect are understood; the last counts as no mask unless told otherwise.
/// </summary>
public static class VocAnnotationReader
{
    public static AnnotatedImage Read(string xmlPath, bool wornIncorrectlyAsNoMask = true)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(xmlPath);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"{xmlPath}: not valid XML ({ex.Message})", ex);
        }

        var root = document.Root ?? throw new InvalidDataException($"{xmlPath}: empty document");
        var fileName = root.Element("filename")?.Value.Trim();
        if (string.IsNullOrEmpty(fileName))
        {
            throw new InvalidDataException($"{xmlPath}: <filename> is missing");
        }

        var size = root.Element("size");
        var width = size is null ? 0 : ReadInt(size, "width", xmlPath);
        var height = size is null ? 0 : ReadInt(size, "height", xmlPath);

        var faces = new List<AnnotatedFace>();
        foreach (var obj in root.Elements("object"))
        {
            var name = obj.Element("name")?.Value.Trim() ?? throw new InvalidDataException($"{xmlPath}: an <object> has no <name>");
            if (!MaskLabels.TryParse(name, out var label))
            {
                throw new InvalidDataException($"{xmlPath}: unknown object name '{name}' (expected with_mask, without_mask or mask_weared_incorrect)");
            }

            if (label == MaskStatus.WornIncorrectly && wornIncorrectlyAsNoMask)
            {
                label = MaskStatus.NoMask;
            }

            var box = obj.Element("bndbox") ?? throw new InvalidDataException($"{xmlPath}: object '{name}' has no <bndbox>");
            var xmin = ReadInt(box, "xmin", xmlPath);
            var ymin = ReadInt(box, "ymin", xmlPath);
            var xmax = ReadInt(box, "xmax", xmlPath);
            var ymax = ReadInt(box, "ymax", xmlPath);
            if (xmax <= xmin || ymax <= ymin)
            {
                throw new InvalidDataException($"{xmlPath}: object '{name}' has an empty box ({xmin},{ymin})-({xmax},{ymax})");
            }

            faces.Add(new AnnotatedFace(new PixelBox(xmin, ymin, xmax - xmin, ymax - ymin), label, name));
        }

        return new AnnotatedImage(fileName, width, height, faces);
    }

    /// <summary>Reads every *.xml file of a folder, sorted by name.</summary>
    public static IReadOnlyList<AnnotatedImage> ReadFolder(string directory, bool wornIncorrectlyAsNoMask = true)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Annotation folder '{directory}' does not exist.");
        }

        return Directory.EnumerateFiles(directory, "*.xml")
            .Order(StringComparer.Ordinal)
            .Select(path => Read(path, wornIncorrectlyAsNoMask))
            .ToArray();
    }

    // VOC tools write coordinates as integers, some as decimals ("123.0").
    private static int ReadInt(XElement parent, string name, string xmlPath)
    {
        var text = parent.Element(name)?.Value.Trim();
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"{xmlPath}: <{parent.Name}>/<{name}> is missing or not a number");
        }

        return (int)Math.Round(value);
    }
}
