using EdgeMask.Core.Faces;

namespace EdgeMask.Evaluation.Scoring;

/// <summary>
/// What a sentinel at a door needs to get right, per annotated group: bare faces must be flagged (no mask or worn
/// incorrectly), masked faces called masked, and masks worn below the nose flagged as not properly worn. Each group
/// counts its faces' outcomes: called masked, flagged, or left uncertain.
/// </summary>
public sealed class DoorVerdicts
{
    public VerdictCounts Bare { get; } = new();

    public VerdictCounts Masked { get; } = new();

    public VerdictCounts WornIncorrectly { get; } = new();

    public int Faces => Bare.Total + Masked.Total + WornIncorrectly.Total;

    /// <summary>Bare faces flagged: the violators the sentinel catches.</summary>
    public double? BareRecall => Bare.Ratio(Bare.Flagged);

    /// <summary>Masked faces called masked.</summary>
    public double? MaskedRecall => Masked.Ratio(Masked.CalledMasked);

    /// <summary>Masks below the nose flagged as not properly masked (no mask or worn incorrectly).</summary>
    public double? WornIncorrectlyRecall => WornIncorrectly.Ratio(WornIncorrectly.Flagged);

    /// <summary>Share of all faces left uncertain.</summary>
    public double? UncertainShare => Faces == 0 ? null : (double)(Bare.Uncertain + Masked.Uncertain + WornIncorrectly.Uncertain) / Faces;

    /// <param name="truth">The annotated class, worn incorrectly kept apart from no mask.</param>
    public void Add(MaskStatus truth, MaskStatus predicted)
    {
        var group = truth switch
        {
            MaskStatus.Mask => Masked,
            MaskStatus.NoMask => Bare,
            MaskStatus.WornIncorrectly => WornIncorrectly,
            _ => throw new ArgumentOutOfRangeException(nameof(truth), truth, "An annotated face must be masked, bare or worn incorrectly."),
        };
        group.Add(predicted);
    }
}

/// <summary>Outcomes of one group of faces.</summary>
public sealed class VerdictCounts
{
    public int CalledMasked { get; private set; }

    /// <summary>Called no mask or worn incorrectly: a violation.</summary>
    public int Flagged { get; private set; }

    public int Uncertain { get; private set; }

    public int Total => CalledMasked + Flagged + Uncertain;

    public double? Ratio(int count) => Total == 0 ? null : (double)count / Total;

    public void Add(MaskStatus predicted)
    {
        switch (predicted)
        {
            case MaskStatus.Mask:
                CalledMasked++;
                break;
            case MaskStatus.NoMask or MaskStatus.WornIncorrectly:
                Flagged++;
                break;
            default:
                Uncertain++;
                break;
        }
    }
}
