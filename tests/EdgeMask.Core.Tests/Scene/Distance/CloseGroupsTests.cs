using EdgeMask.Core.Scene.Distance;

namespace EdgeMask.Core.Tests.Scene.Distance;

public class CloseGroupsTests
{
    private static List<PairDistance> AllPairs(int[] ids, Func<int, int, double> distance) =>
        [.. from a in ids from b in ids where a < b select new PairDistance(a, b, distance(a, b))];

    [Fact]
    public void FivePeopleHuddled_AreOneGroupWithTheirClosestPair()
    {
        var pairs = AllPairs([1, 2, 3, 4, 5], (a, b) => (b - a) * 0.3);

        var group = Assert.Single(CloseGroups.Find(pairs, 1.5));

        Assert.Equal([1, 2, 3, 4, 5], group.Members);
        Assert.Equal(0.3, group.Closest.Distance, 6);
    }

    [Fact]
    public void AChainOfClosePairs_IsOneGroup_EvenWhereItsEndsAreFarApart()
    {
        PairDistance[] pairs = [new(1, 2, 1.0), new(2, 3, 1.0), new(1, 3, 2.0)];

        Assert.Equal([1, 2, 3], Assert.Single(CloseGroups.Find(pairs, 1.5)).Members);
    }

    [Fact]
    public void TwoSeparatePairs_AreTwoGroups_AndPeopleFarFromEveryoneAreInNone()
    {
        var position = new Dictionary<int, double> { [1] = 0, [2] = 0.5, [3] = 10, [4] = 10.4, [5] = 20 };
        var pairs = AllPairs([1, 2, 3, 4, 5], (a, b) => Math.Abs(position[a] - position[b]));

        var groups = CloseGroups.Find(pairs, 1.5);

        Assert.Equal([[1, 2], [3, 4]], groups.Select(g => g.Members));
    }

    [Fact]
    public void NobodyTooClose_NoGroup() =>
        Assert.Empty(CloseGroups.Find([new PairDistance(1, 2, 1.5)], 1.5));
}
