using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Reports;
using EdgeMask.TestSupport;
using OpenCvSharp;

namespace EdgeMask.Evaluation.Tests.Reports;

public sealed class MistakeSheetTests
{
    [Fact]
    public void Write_OneWrongOneRightOneSmall_ShowsOnlyTheWrongFaceOfSizableWidth()
    {
        using var image = new Mat(200, 300, MatType.CV_8UC3, Scalar.All(120));
        var annotation = new AnnotatedImage("a.jpg", 300, 200,
        [
            new AnnotatedFace(new PixelBox(10, 10, 60, 60), MaskStatus.NoMask, "without_mask"),
            new AnnotatedFace(new PixelBox(100, 10, 60, 60), MaskStatus.NoMask, "mask_weared_incorrect"),
            new AnnotatedFace(new PixelBox(200, 10, 20, 20), MaskStatus.Mask, "with_mask"),
        ]);
        FaceObservation Said(PixelBox box, MaskStatus status) => new(box, 0.9f, new MaskPrediction(status, 0.8f, status));
        var result = SceneEvaluator.Score(annotation,
        [
            Said(new PixelBox(10, 10, 60, 60), MaskStatus.Mask),
            Said(new PixelBox(100, 10, 60, 60), MaskStatus.WornIncorrectly),
            Said(new PixelBox(200, 10, 20, 20), MaskStatus.NoMask),
        ]);
        using var sheet = new MistakeSheet();
        var path = Path.Combine(RepoPaths.NewTempDirectory("sheet"), "mistakes.png");

        sheet.Add(image, result);
        sheet.Write(path);

        Assert.Equal(1, sheet.Count);
        using var written = Cv2.ImRead(path);
        Assert.Equal(new Size(96, 96 + 28), written.Size());
    }

    [Fact]
    public void Add_OneFace_KeepsOnlyAVerdictThatMissesItsGroupsTarget()
    {
        using var image = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(120));
        using var sheet = new MistakeSheet();
        var box = new PixelBox(20, 20, 50, 50);
        MaskPrediction Said(MaskStatus status) => new(status, 0.7f, status);

        sheet.Add(image, box, MaskStatus.NoMask, Said(MaskStatus.NoMask));
        sheet.Add(image, box, MaskStatus.WornIncorrectly, Said(MaskStatus.NoMask));
        sheet.Add(image, box, MaskStatus.Mask, Said(MaskStatus.Mask));
        Assert.Equal(0, sheet.Count);

        sheet.Add(image, box, MaskStatus.NoMask, Said(MaskStatus.Mask));
        sheet.Add(image, box, MaskStatus.Mask, new MaskPrediction(MaskStatus.Uncertain, 0.45f, MaskStatus.Mask));
        Assert.Equal(2, sheet.Count);
    }

    [Fact]
    public void Write_NoMistakes_WritesNothing()
    {
        using var sheet = new MistakeSheet();
        var path = Path.Combine(RepoPaths.NewTempDirectory("sheet"), "none.png");

        sheet.Write(path);

        Assert.False(File.Exists(path));
    }
}
