namespace EdgeMask.Evaluation.Scoring;

/// <summary>
/// Recall of one group of faces (e.g. the masked ones) by face size, and over all faces of at least
/// <see cref="MinimumWidthPixels"/> px: the measure issue 10's target is stated in, since faces smaller than that
/// are below what the detectors are built for and would otherwise dilute a comparison of the rest.
/// </summary>
/// <remarks>Only ground truth is counted: a detection carries no label, so precision by label is undefined.</remarks>
public sealed class SizedRecall
{
    public const int MinimumWidthPixels = 32;

    private readonly Dictionary<FaceSizeBucket, RecallPrecision> _bySize =
        Enum.GetValues<FaceSizeBucket>().ToDictionary(b => b, _ => new RecallPrecision());

    public IReadOnlyDictionary<FaceSizeBucket, RecallPrecision> BySize => _bySize;

    /// <summary>Faces at least <see cref="MinimumWidthPixels"/> px wide.</summary>
    public RecallPrecision AtLeastMinimumWidth { get; } = new();

    public void AddTruth(int widthPixels, bool found)
    {
        _bySize[FaceSizeBuckets.Of(widthPixels)].AddTruth(found);
        if (widthPixels >= MinimumWidthPixels)
        {
            AtLeastMinimumWidth.AddTruth(found);
        }
    }
}
