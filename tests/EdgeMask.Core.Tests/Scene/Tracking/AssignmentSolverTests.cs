using EdgeMask.Core.Scene.Tracking;

namespace EdgeMask.Core.Tests.Scene.Tracking;

public class AssignmentSolverTests
{
    private const double X = AssignmentSolver.Forbidden;

    [Fact]
    public void Solve_SquareMatrix_FindsTheMinimumTotalNotTheGreedyChoice()
    {
        // Greedy would take (0,0)=1 and then be forced to (1,1)=10; the optimum is 2 + 3.
        var assignment = AssignmentSolver.Solve(new double[,] { { 1, 2 }, { 3, 10 } });

        Assert.Equal([1, 0], assignment);
    }

    [Fact]
    public void Solve_MoreRowsThanColumns_LeavesTheCostliestRowUnassigned()
    {
        var assignment = AssignmentSolver.Solve(new double[,] { { 5 }, { 1 }, { 3 } });

        Assert.Equal([-1, 0, -1], assignment);
    }

    [Fact]
    public void Solve_MoreColumnsThanRows_AssignsEveryRowAtLeastCost()
    {
        var assignment = AssignmentSolver.Solve(new double[,] { { 5, 2, 4 }, { 1, 0, 9 } });

        Assert.Equal([1, 0], assignment);
    }

    [Fact]
    public void Solve_ForbiddenPairs_AreNeverAssigned()
    {
        var assignment = AssignmentSolver.Solve(new double[,] { { X, 1 }, { X, 2 } });

        Assert.Equal([1, -1], assignment);
    }

    [Fact]
    public void Solve_EmptyMatrix_ReturnsAllUnassigned()
    {
        Assert.Equal([-1, -1], AssignmentSolver.Solve(new double[2, 0]));
        Assert.Empty(AssignmentSolver.Solve(new double[0, 3]));
    }

    [Fact]
    public void Solve_RandomMatrices_MatchBruteForce()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 6);
            var cost = new double[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    cost[r, c] = random.NextDouble() < 0.2 ? X : Math.Round(random.NextDouble() * 10, 2);
                }
            }

            var assignment = AssignmentSolver.Solve(cost);

            var (bestCount, bestTotal) = BruteForce(cost, 0, new bool[columns]);
            var count = assignment.Count(c => c >= 0);
            var total = assignment.Select((c, r) => c >= 0 ? cost[r, c] : 0).Sum();
            Assert.Equal(bestCount, count);
            Assert.Equal(bestTotal, total, 6);
            Assert.Equal(count, assignment.Where(c => c >= 0).Distinct().Count());
        }
    }

    // Most allowed pairs first, then least total cost: what the solver promises.
    private static (int Count, double Total) BruteForce(double[,] cost, int row, bool[] used)
    {
        if (row == cost.GetLength(0))
        {
            return (0, 0);
        }

        var best = BruteForce(cost, row + 1, used);
        for (var c = 0; c < cost.GetLength(1); c++)
        {
            if (used[c] || double.IsPositiveInfinity(cost[row, c]))
            {
                continue;
            }

            used[c] = true;
            var (count, total) = BruteForce(cost, row + 1, used);
            used[c] = false;
            var candidate = (count + 1, total + cost[row, c]);
            if (candidate.Item1 > best.Count || (candidate.Item1 == best.Count && candidate.Item2 < best.Total - 1e-9))
            {
                best = candidate;
            }
        }

        return best;
    }
}
