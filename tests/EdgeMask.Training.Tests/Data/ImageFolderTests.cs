using EdgeMask.TestSupport;
using EdgeMask.Training.Data;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Tests.Data;

public class ImageFolderTests
{
    private static readonly string[] Labels = ["with_mask", "without_mask"];

    [Fact]
    public void SplitOf_SameName_AlwaysSameSplit()
    {
        var fractions = SplitFractions.Default;

        Assert.Equal(fractions.SplitOf("0a1b2c3d4e5f6789.jpg"), fractions.SplitOf("0a1b2c3d4e5f6789.jpg"));
    }

    [Fact]
    public void SplitOf_ManyNames_FollowsTheFractions()
    {
        var splits = Enumerable.Range(0, 10_000).Select(i => SplitFractions.Default.SplitOf($"image{i}.jpg")).ToList();

        Assert.InRange(splits.Count(s => s == DataSplit.Train) / 10_000.0, 0.68, 0.72);
        Assert.InRange(splits.Count(s => s == DataSplit.Validation) / 10_000.0, 0.13, 0.17);
        Assert.InRange(splits.Count(s => s == DataSplit.Test) / 10_000.0, 0.13, 0.17);
    }

    [Fact]
    public void Open_SyntheticFolder_ListsBothClassesWithStableHash()
    {
        var root = SyntheticFaces.Create(RepoPaths.NewTempDirectory("folder"), perClass: 5);

        var first = ImageFolder.Open(root, Labels, SplitFractions.Default);
        var second = ImageFolder.Open(root, Labels, SplitFractions.Default);

        Assert.Equal(10, first.Images.Count);
        Assert.Equal(5, first.Images.Count(i => i.LabelIndex == 1));
        Assert.Equal(64, first.ListingSha256.Length);
        Assert.Equal(first.ListingSha256, second.ListingSha256);
    }

    [Fact]
    public void Open_MissingClassFolder_ThrowsNamingIt()
    {
        var root = SyntheticFaces.Create(RepoPaths.NewTempDirectory("folder"), perClass: 1);
        Directory.Delete(Path.Combine(root, "without_mask"), recursive: true);

        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Open(root, Labels, SplitFractions.Default));

        Assert.Contains("'without_mask'", error.Message);
    }

    [Fact]
    public void Open_WithCorrections_ReadsAListedMaskedImageAsWornIncorrectlyAndNothingElse()
    {
        var root = RepoPaths.NewTempDirectory("folder");
        foreach (var (label, name) in new[] { ("with_mask", "below.jpg"), ("with_mask", "over.jpg"), ("without_mask", "below.jpg") })
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            File.WriteAllBytes(Path.Combine(root, label, name), [1, 2, 3]);
        }

        var folder = ImageFolder.Open(root, Labels, SplitFractions.Default, new LabelCorrections(["below.jpg"]));

        var corrected = Assert.Single(folder.Images, i => i.LabelIndex == 2);
        Assert.Equal(Path.Combine(root, "with_mask", "below.jpg"), corrected.Path);
        Assert.Equal("mask_weared_incorrect", corrected.Label);
        Assert.Equal(ClassScheme.WithoutMask, ClassScheme.TwoClass.Of(corrected));
        Assert.Equal(2, ClassScheme.ThreeClass.Of(corrected));
        Assert.Equal(ImageFolder.Open(root, Labels, SplitFractions.Default).ListingSha256, folder.ListingSha256);
    }

    [Fact]
    public void Shipped_Corrections_AreTheReviewedList()
    {
        Assert.Equal(33, LabelCorrections.Shipped.Count);
    }
}
