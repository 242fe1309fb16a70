using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

/// <summary>Where painted and transplanted masks land on a face, in canonical face coordinates (nose tip 0.60, mouth 0.78).</summary>
public sealed class MaskPlacementTests
{
    private static readonly FaceFrame Frame = FaceFrame.FromBox(new Rect(20, 20, 120, 120));

    // Over the nose the mask's peak reaches the bridge between the eyes (0.40) and may rise a little above their line;
    // below the nose its top sits at the nose tip or under it; on the chin, under the mouth.
    [Theory]
    [InlineData(MaskPlacement.OverNose, 0.30, FaceFrame.NoseTipY)]
    [InlineData(MaskPlacement.BelowNose, FaceFrame.NoseTipY - 0.02, FaceFrame.MouthY)]
    [InlineData(MaskPlacement.OnChin, FaceFrame.MouthY, 1.0)]
    public void Outline_TopEdge_LiesBetweenTheLandmarksItsPlacementNames(MaskPlacement placement, double above, double below)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var top = SyntheticMaskPainter.Outline(placement, new Random(seed)).Min(p => p.Y);
            Assert.InRange(top, above, below);
        }
    }

    [Fact]
    public void Transplant_BelowNose_LandsLowerThanOverTheNoseAndLeavesTheEyes()
    {
        using var donor = Face(new Scalar(200, 170, 120));
        using var maskOnDonor = donor.Clone();
        SyntheticMaskPainter.Paint(maskOnDonor, Frame, MaskPlacement.OverNose, new Random(1));

        var over = ChangedRows(MaskPlacement.OverNose, maskOnDonor);
        var below = ChangedRows(MaskPlacement.BelowNose, maskOnDonor);

        Assert.True(below.Top > over.Top + 10, $"below the nose from row {below.Top}, over it from row {over.Top}");
        Assert.True(over.Top > 20 + (0.40 * 120), $"the transplant starts at row {over.Top}, at or above the eyes");
    }

    private static (int Top, int Bottom) ChangedRows(MaskPlacement placement, Mat donor)
    {
        using var target = Face(new Scalar(120, 160, 210));
        using var before = target.Clone();
        MaskTransplanter.Transplant(target, Frame, donor, Frame, placement, new Random(3));
        using var difference = new Mat();
        Cv2.Absdiff(target, before, difference);
        using var grey = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var changed = grey.Threshold(30, 255, ThresholdTypes.Binary);
        var rows = Enumerable.Range(0, changed.Rows).Where(y => Cv2.CountNonZero(changed.Row(y)) > 0).ToList();
        return (rows.Min(), rows.Max());
    }

    private static Mat Face(Scalar skin)
    {
        var image = new Mat(180, 160, MatType.CV_8UC3, new Scalar(90, 90, 90));
        Cv2.Ellipse(image, new Point(80, 80), new Size(55, 65), 0, 0, 360, skin, -1);
        return image;
    }
}
