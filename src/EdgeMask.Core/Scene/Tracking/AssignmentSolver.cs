namespace EdgeMask.Core.Scene.Tracking;

/// <summary>Minimum-cost one-to-one assignment of rows to columns (the Hungarian method, O(n^3)).</summary>
internal static class AssignmentSolver
{
    /// <summary>Marks a row/column pair that must never be assigned.</summary>
    public const double Forbidden = double.PositiveInfinity;

    // Stands in for forbidden pairs inside the solver; far above any real cost, so it is only chosen when
    // nothing else is left, and such pairs are dropped from the answer.
    private const double ForbiddenStandIn = 1e9;

    /// <param name="cost">cost[row, column]; <see cref="Forbidden"/> where a pair is not allowed.</param>
    /// <returns>For each row the assigned column, or -1 when the row stays unassigned.</returns>
    public static int[] Solve(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var columns = cost.GetLength(1);
        var assignment = new int[rows];
        Array.Fill(assignment, -1);
        if (rows == 0 || columns == 0)
        {
            return assignment;
        }

        var transpose = rows > columns;
        var n = transpose ? columns : rows;
        var m = transpose ? rows : columns;
        double At(int i, int j)
        {
            var value = transpose ? cost[j, i] : cost[i, j];
            if (double.IsNaN(value))
            {
                throw new ArgumentException($"Assignment cost at ({(transpose ? j : i)}, {(transpose ? i : j)}) is not a number.", nameof(cost));
            }

            return double.IsPositiveInfinity(value) ? ForbiddenStandIn : value;
        }

        // Potentials u (rows) and v (columns); p[j] = row matched to column j; 1-based with 0 as the sentinel.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[m + 1];
            Array.Fill(minv, double.PositiveInfinity);
            var used = new bool[m + 1];
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var current = At(i0 - 1, j - 1) - u[i0] - v[j];
                    if (current < minv[j])
                    {
                        minv[j] = current;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        for (var j = 1; j <= m; j++)
        {
            if (p[j] == 0)
            {
                continue;
            }

            var (row, column) = transpose ? (j - 1, p[j] - 1) : (p[j] - 1, j - 1);
            if (!double.IsPositiveInfinity(cost[row, column]))
            {
                assignment[row] = column;
            }
        }

        return assignment;
    }
}
