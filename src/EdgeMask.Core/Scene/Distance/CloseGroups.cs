namespace EdgeMask.Core.Scene.Distance;

/// <summary>A group of people linked by distances under the minimum: everyone reachable through a too-close pair.</summary>
/// <param name="Members">Track ids, ascending.</param>
/// <param name="Closest">The smallest pair distance within the group, and its pair.</param>
internal sealed record CloseGroup(IReadOnlyList<int> Members, PairDistance Closest);

/// <summary>
/// Finds the groups of people standing too close: the connected components of the graph whose edges are the pairs
/// under the minimum distance. Five people huddled together are one group, not ten pairs.
/// </summary>
internal static class CloseGroups
{
    public static IReadOnlyList<CloseGroup> Find(IReadOnlyList<PairDistance> pairs, double minimumDistance)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var parent = new Dictionary<int, int>();
        int Root(int id)
        {
            while (parent[id] != id)
            {
                parent[id] = parent[parent[id]];
                id = parent[id];
            }

            return id;
        }

        var close = pairs.Where(p => p.Distance < minimumDistance).ToList();
        foreach (var pair in close)
        {
            parent.TryAdd(pair.FirstTrackId, pair.FirstTrackId);
            parent.TryAdd(pair.SecondTrackId, pair.SecondTrackId);
            var (a, b) = (Root(pair.FirstTrackId), Root(pair.SecondTrackId));
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }

        return close
            .GroupBy(p => Root(p.FirstTrackId))
            .Select(g => new CloseGroup(
                g.SelectMany(p => new[] { p.FirstTrackId, p.SecondTrackId }).Distinct().Order().ToList(),
                g.MinBy(p => p.Distance)!))
            .OrderBy(g => g.Members[0])
            .ToList();
    }
}
