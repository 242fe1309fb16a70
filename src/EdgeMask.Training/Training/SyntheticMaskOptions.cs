namespace EdgeMask.Training.Training;

/// <summary>
/// Share of bare training faces that get a painted mask over the nose (default 0.3), below it (default 0.2), or a hand
/// over mouth and nose that leaves them unmasked (default 0); and share of all faces given sunglasses (default 0).
/// </summary>
public sealed record SyntheticMaskOptions(
    double OverNoseProbability = 0.3,
    double BelowNoseProbability = 0.2,
    double HandOverMouthProbability = 0,
    double SunglassesProbability = 0)
{
    /// <summary>Nothing painted: real images only.</summary>
    public static SyntheticMaskOptions None { get; } = new(0, 0, 0, 0);

    public void Validate()
    {
        if (OverNoseProbability < 0 || BelowNoseProbability < 0 || HandOverMouthProbability < 0
            || OverNoseProbability + BelowNoseProbability + HandOverMouthProbability > 0.9)
        {
            throw new ArgumentOutOfRangeException(nameof(OverNoseProbability), "--synthetic-mask, --synthetic-below-nose and --synthetic-hand must be >= 0 and add up to at most 0.9.");
        }

        if (SunglassesProbability is < 0 or > 1 || double.IsNaN(SunglassesProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(SunglassesProbability), SunglassesProbability, "--synthetic-sunglasses must be 0-1.");
        }
    }
}
