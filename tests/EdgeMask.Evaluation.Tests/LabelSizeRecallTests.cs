using System.Text.Json.Nodes;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Evaluation.Annotations;
using EdgeMask.Evaluation.Reports;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Tests;

public class LabelSizeRecallTests
{
    // One scene, faces placed far apart so each detection can only match its own face:
    //   masked   20 px found, 40 px found, 100 px missed, 200 px found  -> >=32 px: 2 of 3; <32: 1 of 1
    //   unmasked 30 px missed, 50 px found                               -> >=32 px: 1 of 1; <32: 0 of 1
    private static readonly AnnotatedFace[] Faces =
    [
        Face(0, 0, 20, MaskStatus.Mask),
        Face(100, 0, 40, MaskStatus.Mask),
        Face(200, 0, 100, MaskStatus.Mask),
        Face(400, 0, 200, MaskStatus.Mask),
        Face(0, 300, 30, MaskStatus.NoMask),
        Face(100, 300, 50, MaskStatus.NoMask),
    ];

    private static readonly int[] FoundFaces = [0, 1, 3, 5];

    [Fact]
    public void From_MixedSizesAndLabels_GivesHandComputedRecallByLabelAndSize()
    {
        var e = Evaluate();

        Assert.Equal(3, e.MaskedBySize.AtLeastMinimumWidth.Truths);
        Assert.Equal(2.0 / 3, e.MaskedBySize.AtLeastMinimumWidth.Recall!.Value, 6);
        Assert.Equal(1.0, e.MaskedBySize.BySize[FaceSizeBucket.Tiny].Recall!.Value, 6);
        Assert.Equal(1.0, e.MaskedBySize.BySize[FaceSizeBucket.Small].Recall!.Value, 6);
        Assert.Equal(0.0, e.MaskedBySize.BySize[FaceSizeBucket.Medium].Recall!.Value, 6);
        Assert.Equal(1.0, e.MaskedBySize.BySize[FaceSizeBucket.Large].Recall!.Value, 6);

        Assert.Equal(1, e.UnmaskedBySize.AtLeastMinimumWidth.Truths);
        Assert.Equal(1.0, e.UnmaskedBySize.AtLeastMinimumWidth.Recall!.Value, 6);
        Assert.Equal(0.0, e.UnmaskedBySize.BySize[FaceSizeBucket.Tiny].Recall!.Value, 6);
        Assert.Null(e.UnmaskedBySize.BySize[FaceSizeBucket.Medium].Recall);

        Assert.Equal(0.75, e.MaskedFaces.Recall!.Value, 6);
        Assert.Equal(0.5, e.UnmaskedFaces.Recall!.Value, 6);
    }

    [Fact]
    public void From_FaceExactly32PixelsWide_CountsAtLeast32()
    {
        var scene = new AnnotatedImage("s.png", 200, 200, [Face(0, 0, 31, MaskStatus.Mask), Face(100, 0, 32, MaskStatus.Mask)]);
        var e = SceneEvaluation.From([SceneEvaluator.Score(scene, [])], TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, e.MaskedBySize.AtLeastMinimumWidth.Truths);
        Assert.Equal(0.0, e.MaskedBySize.AtLeastMinimumWidth.Recall!.Value, 6);
    }

    [Fact]
    public void Markdown_MixedScene_HasLabelBySizeRowsWithCounts()
    {
        var markdown = EvaluationReport.Markdown(Evaluate(), "t");

        Assert.Contains("| faces | <32 px | 32-64 px | 64-128 px | >=128 px | >=32 px | all |", markdown);
        Assert.Contains("| masked | 100.0% (1/1) | 100.0% (1/1) | 0.0% (0/1) | 100.0% (1/1) | 66.7% (2/3) | 75.0% (3/4) |", markdown);
        Assert.Contains("| unmasked | 0.0% (0/1) | 100.0% (1/1) | n/a (0/0) | n/a (0/0) | 100.0% (1/1) | 50.0% (1/2) |", markdown);
    }

    [Fact]
    public void Json_MixedScene_HasRecallByLabelAndSize()
    {
        var json = JsonNode.Parse(EvaluationReport.Json(Evaluate()))!;
        var masked = json["recall_by_label_and_size"]!["masked"]!;

        Assert.Equal(3, masked[">=32 px"]!["truths"]!.GetValue<int>());
        Assert.Equal(2, masked[">=32 px"]!["found"]!.GetValue<int>());
        Assert.Equal(0.6667, masked[">=32 px"]!["recall"]!.GetValue<double>(), 4);
        Assert.Equal(1.0, json["recall_by_label_and_size"]!["unmasked"]![">=32 px"]!["recall"]!.GetValue<double>(), 4);
        Assert.Null(json["recall_by_label_and_size"]!["unmasked"]!["64-128 px"]!["recall"]);
    }

    [Fact]
    public void SummaryLine_MixedScene_NamesMaskedRecallAtLeast32()
    {
        Assert.Contains("masked recall 75.0% (>=32 px 66.7%)", EvaluationReport.SummaryLine(Evaluate()));
    }

    private static SceneEvaluation Evaluate()
    {
        var scene = new AnnotatedImage("s.png", 800, 600, Faces);
        var found = FoundFaces.Select(i => new FaceObservation(Faces[i].Box, 0.9f, new MaskPrediction(MaskStatus.Mask, 0.9f, MaskStatus.Mask))).ToArray();
        return SceneEvaluation.From([SceneEvaluator.Score(scene, found)], TimeSpan.FromMilliseconds(10));
    }

    private static AnnotatedFace Face(int x, int y, int size, MaskStatus label) =>
        new(new PixelBox(x, y, size, size), label, label == MaskStatus.Mask ? "with_mask" : "without_mask");
}
