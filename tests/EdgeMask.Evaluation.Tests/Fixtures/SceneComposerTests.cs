using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Fixtures;
using EdgeMask.Evaluation.Scoring;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Tests.Fixtures;

/// <summary>
/// The composer on crops and a background the test paints itself: masked crops pure red, unmasked pure blue, on a
/// green background, so where each face landed can be read back from the pixels.
/// </summary>
public sealed class SceneComposerTests : IDisposable
{
    private static readonly SceneCompositionOptions Small = new() { SceneCount = 6, Seed = 11, SceneSizesPixels = [(320, 240), (400, 300)], MaxFaceWidthPixels = 100 };

    private readonly string _root = RepoPaths.NewTempDirectory("composer");
    private readonly string _crops;
    private readonly string _background;

    public SceneComposerTests()
    {
        _crops = Path.Combine(_root, "crops");
        WriteCrops("with_mask", new Scalar(0, 0, 255));
        WriteCrops("without_mask", new Scalar(255, 0, 0));
        _background = Path.Combine(_root, "background.png");
        using var green = new Mat(new Size(200, 150), MatType.CV_8UC3, new Scalar(0, 160, 0));
        Cv2.ImWrite(_background, green);
    }

    [Fact]
    public void Compose_SameSeedTwice_WritesIdenticalImagesAndAnnotations()
    {
        var first = Path.Combine(_root, "a");
        var second = Path.Combine(_root, "b");

        new SceneComposer(Small, _crops, [_background]).Compose(first);
        new SceneComposer(Small, _crops, [_background]).Compose(second);

        var files = Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2 * Small.SceneCount, files.Length);
        Assert.All(files, file => Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file))));
    }

    [Fact]
    public void Compose_DifferentSeed_WritesDifferentAnnotations()
    {
        var first = new SceneComposer(Small, _crops, [_background]).Compose(Path.Combine(_root, "a"));
        var second = new SceneComposer(Small with { Seed = 12 }, _crops, [_background]).Compose(Path.Combine(_root, "b"));

        Assert.NotEqual(first.SelectMany(s => s.Annotation.Faces.Select(f => f.Box)), second.SelectMany(s => s.Annotation.Faces.Select(f => f.Box)));
    }

    [Fact]
    public void Compose_WrittenXml_ReadsBackAsTheReturnedAnnotations()
    {
        var output = Path.Combine(_root, "out");

        var scenes = new SceneComposer(Small, _crops, [_background]).Compose(output);
        var read = VocAnnotationReader.ReadFolder(Path.Combine(output, SceneComposer.AnnotationsFolder));

        Assert.Equal(scenes.Count, read.Count);
        for (var i = 0; i < scenes.Count; i++)
        {
            Assert.Equal(scenes[i].Annotation.ImageFile, read[i].ImageFile);
            Assert.Equal((scenes[i].Annotation.Width, scenes[i].Annotation.Height), (read[i].Width, read[i].Height));
            Assert.Equal(scenes[i].Annotation.Faces, read[i].Faces);
        }
    }

    [Fact]
    public void Compose_Faces_AreInsideTheSceneApartAndWithinTheSizeRange()
    {
        var scenes = new SceneComposer(Small, _crops, [_background]).Compose(Path.Combine(_root, "out"));

        Assert.Equal([(320, 240), (400, 300), (320, 240)], scenes.Take(3).Select(s => (s.Annotation.Width, s.Annotation.Height)));
        foreach (var scene in scenes)
        {
            var faces = scene.Annotation.Faces;
            Assert.InRange(faces.Count, 1, 6);
            var frame = new PixelBox(0, 0, scene.Annotation.Width, scene.Annotation.Height);
            Assert.All(faces, f => Assert.Equal(f.Box, f.Box.Intersect(frame)));
            Assert.All(faces, f => Assert.InRange(f.Box.Width, Small.MinFaceWidthPixels, Small.MaxFaceWidthPixels));
            Assert.All(faces, f => Assert.DoesNotContain(faces, g => g != f && !g.Box.Intersect(f.Box).IsEmpty));
        }
    }

    [Fact]
    public void Compose_EachBox_HoldsTheCropOfItsLabel()
    {
        var output = Path.Combine(_root, "out");

        var scenes = new SceneComposer(Small, _crops, [_background]).Compose(output);

        foreach (var scene in scenes)
        {
            using var image = Cv2.ImRead(Path.Combine(output, SceneComposer.ImagesFolder, scene.Annotation.ImageFile));
            foreach (var face in scene.Annotation.Faces)
            {
                // The inner half of the box, clear of JPEG ringing and blur at the edges. Gain (>= 0.6) times exposure
                // (>= 0.7) keeps the crop's own channel at least 0.42 x 255 = 107 above the others (the offset is shared).
                var inner = new Rect(face.Box.X + (face.Box.Width / 4), face.Box.Y + (face.Box.Height / 4), Math.Max(1, face.Box.Width / 2), Math.Max(1, face.Box.Height / 2));
                using var patch = new Mat(image, inner);
                var mean = patch.Mean();
                var (own, other) = face.Label == MaskStatus.Mask ? (mean.Val2, mean.Val0) : (mean.Val0, mean.Val2);
                Assert.True(own - other > 80 && own - mean.Val1 > 80, $"{scene.Annotation.ImageFile} {face.RawLabel} at {face.Box}: mean BGR {mean.Val0:0},{mean.Val1:0},{mean.Val2:0}");
            }
        }
    }

    [Fact]
    public void Create_CropsFolderWithoutClassFolders_NamesTheMissingFolder()
    {
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<DirectoryNotFoundException>(() => new SceneComposer(Small, empty, [_background]));

        Assert.Contains(Path.Combine(empty, "with_mask"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FaceWiderThanHalfTheScene_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SceneComposer(Small with { MaxFaceWidthPixels = 200 }, _crops, [_background]));

        Assert.Contains("MaxFaceWidthPixels", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Compose_MaskCrops_GivesFacesOfEverySizeBucketAndBothLabels()
    {
        var crops = RepoPaths.RequireMaskCrops();
        var background = Path.Combine(SystemTools.OpenCvSamples, "building.jpg");

        var scenes = new SceneComposer(new SceneCompositionOptions { SceneCount = 30 }, crops, [background]).Compose(Path.Combine(_root, "real"));

        var faces = scenes.SelectMany(s => s.Annotation.Faces).ToArray();
        Assert.Equal(Enum.GetValues<FaceSizeBucket>(), faces.Select(f => FaceSizeBuckets.Of(f.Box.Width)).Distinct().Order());
        Assert.Contains(faces, f => f.Label == MaskStatus.Mask);
        Assert.Contains(faces, f => f.Label == MaskStatus.NoMask);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteCrops(string folder, Scalar colour)
    {
        var directory = Path.Combine(_crops, folder);
        Directory.CreateDirectory(directory);
        foreach (var (width, height) in new[] { (40, 48), (60, 60), (50, 40) })
        {
            using var crop = new Mat(new Size(width, height), MatType.CV_8UC3, colour);
            Cv2.ImWrite(Path.Combine(directory, $"{width}x{height}.png"), crop);
        }
    }
}
