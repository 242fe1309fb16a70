using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.TestSupport;

namespace EdgeMask.Evaluation.Tests;

public class VocAnnotationReaderTests
{
    internal static string Voc(string file, params (string Name, int X1, int Y1, int X2, int Y2)[] objects) =>
        $"<annotation><folder>images</folder><filename>{file}</filename><size><width>400</width><height>300</height><depth>3</depth></size>" +
        string.Concat(objects.Select(o => $"<object><name>{o.Name}</name><pose>Unspecified</pose><bndbox><xmin>{o.X1}</xmin><ymin>{o.Y1}</ymin><xmax>{o.X2}</xmax><ymax>{o.Y2}</ymax></bndbox></object>")) +
        "</annotation>";

    [Fact]
    public void Read_ThreeLabels_MapsWornIncorrectlyToNoMaskByDefault()
    {
        var dir = RepoPaths.NewTempDirectory("voc");
        var path = Path.Combine(dir, "a.xml");
        File.WriteAllText(path, Voc("a.png", ("with_mask", 10, 20, 50, 70), ("without_mask", 100, 100, 140, 150), ("mask_weared_incorrect", 200, 10, 230, 45)));

        var image = VocAnnotationReader.Read(path);
        var strict = VocAnnotationReader.Read(path, wornIncorrectlyAsNoMask: false);

        Assert.Equal("a.png", image.ImageFile);
        Assert.Equal(new PixelBox(10, 20, 40, 50), image.Faces[0].Box);
        Assert.Equal(new[] { MaskStatus.Mask, MaskStatus.NoMask, MaskStatus.NoMask }, image.Faces.Select(f => f.Label));
        Assert.Equal(MaskStatus.WornIncorrectly, strict.Faces[2].Label);
    }

    [Fact]
    public void Read_UnknownName_FailsNamingFileAndName()
    {
        var dir = RepoPaths.NewTempDirectory("voc");
        var path = Path.Combine(dir, "b.xml");
        File.WriteAllText(path, Voc("b.png", ("helmet", 1, 1, 20, 20)));

        var error = Assert.Throws<InvalidDataException>(() => VocAnnotationReader.Read(path));

        Assert.Contains("b.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("helmet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotXml_FailsNamingFile()
    {
        var dir = RepoPaths.NewTempDirectory("voc");
        var path = Path.Combine(dir, "c.xml");
        File.WriteAllText(path, "this is not xml");

        var error = Assert.Throws<InvalidDataException>(() => VocAnnotationReader.Read(path));

        Assert.Contains("c.xml", error.Message, StringComparison.Ordinal);
    }
}
