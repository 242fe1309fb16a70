using EdgeMask.Core.Faces;

namespace EdgeMask.Evaluation.Scoring;

/// <summary>Counts of (true class, predicted class) pairs; predictions include Uncertain.</summary>
public sealed class ConfusionMatrix
{
    private static readonly MaskStatus[] AllClasses = [MaskStatus.Mask, MaskStatus.NoMask, MaskStatus.WornIncorrectly, MaskStatus.Uncertain];
    private readonly int[,] _counts = new int[AllClasses.Length, AllClasses.Length];

    public int this[MaskStatus truth, MaskStatus predicted] => _counts[(int)truth, (int)predicted];

    /// <summary>Classes that occur as truth, in a fixed order.</summary>
    public IReadOnlyList<MaskStatus> TruthClasses => AllClasses.Where(c => TruthTotal(c) > 0).ToArray();

    public static IReadOnlyList<MaskStatus> PredictedClasses => AllClasses;

    public static ConfusionMatrix From(IEnumerable<ClassifiedSample> samples)
    {
        var matrix = new ConfusionMatrix();
        foreach (var sample in samples)
        {
            matrix._counts[(int)sample.Truth, (int)sample.Prediction.Status]++;
        }

        return matrix;
    }

    public int TruthTotal(MaskStatus truth) => AllClasses.Sum(p => this[truth, p]);

    public int PredictedTotal(MaskStatus predicted) => AllClasses.Sum(t => this[t, predicted]);
}
