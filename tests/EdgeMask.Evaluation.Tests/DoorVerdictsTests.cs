using EdgeMask.Core.Faces;
using EdgeMask.Evaluation.Scoring;

namespace EdgeMask.Evaluation.Tests;

public sealed class DoorVerdictsTests
{
    [Fact]
    public void Add_MixedVerdicts_CountsEachGroupsTargetFigure()
    {
        var verdicts = new DoorVerdicts();
        verdicts.Add(MaskStatus.NoMask, MaskStatus.NoMask);
        verdicts.Add(MaskStatus.NoMask, MaskStatus.WornIncorrectly);
        verdicts.Add(MaskStatus.NoMask, MaskStatus.Mask);
        verdicts.Add(MaskStatus.NoMask, MaskStatus.Uncertain);
        verdicts.Add(MaskStatus.Mask, MaskStatus.Mask);
        verdicts.Add(MaskStatus.Mask, MaskStatus.NoMask);
        verdicts.Add(MaskStatus.WornIncorrectly, MaskStatus.NoMask);
        verdicts.Add(MaskStatus.WornIncorrectly, MaskStatus.Mask);

        Assert.Equal(0.5, verdicts.BareRecall);
        Assert.Equal(0.5, verdicts.MaskedRecall);
        Assert.Equal(0.5, verdicts.WornIncorrectlyRecall);
        Assert.Equal(1.0 / 8, verdicts.UncertainShare);
        Assert.Equal(8, verdicts.Faces);
    }

    [Fact]
    public void Add_UncertainTruth_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoorVerdicts().Add(MaskStatus.Uncertain, MaskStatus.Mask));
    }

    [Fact]
    public void Ratios_WithoutFaces_AreNull()
    {
        var verdicts = new DoorVerdicts();

        Assert.Null(verdicts.BareRecall);
        Assert.Null(verdicts.UncertainShare);
    }
}
