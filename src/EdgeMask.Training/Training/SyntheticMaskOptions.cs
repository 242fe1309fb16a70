namespace EdgeMask.Training.Training;

/// <summary>
/// Share of bare training faces that get a mask over the nose (default 0.3), below it or on the chin (default 0.2),
/// or a hand over mouth and nose that leaves them unmasked (default 0); share of all faces given sunglasses (default 0).
/// Of the masks, <paramref name="TransplantShare"/> (default 0.5) are real masks moved from masked training faces
/// (<see cref="Imaging.MaskTransplanter"/>), the rest painted; of the masks worn incorrectly, <paramref name="ChinShare"/>
/// (default 0.35) sit on the chin rather than just below the nose. <paramref name="UnmaskProbability"/> (default 0) is
/// the share of masked faces whose mask is covered by a bare face's real lower face (nose, mouth, chin) and that are
/// then without_mask: bare faces in the masked photos' settings, so that the setting is no class cue.
/// <paramref name="RespiratorShare"/> (default 0) is the share of painted masks over the nose drawn as respirators
/// (<see cref="Imaging.SyntheticRespiratorPainter"/>) instead of flat masks.
/// </summary>
public sealed record SyntheticMaskOptions(
    double OverNoseProbability = 0.3,
    double BelowNoseProbability = 0.2,
    double HandOverMouthProbability = 0,
    double SunglassesProbability = 0,
    double TransplantShare = 0.5,
    double ChinShare = 0.35,
    double UnmaskProbability = 0,
    double RespiratorShare = 0)
{
    /// <summary>Nothing painted: real images only.</summary>
    public static SyntheticMaskOptions None { get; } = new(0, 0, 0, 0, 0, 0);

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

        if (TransplantShare is < 0 or > 1 || double.IsNaN(TransplantShare))
        {
            throw new ArgumentOutOfRangeException(nameof(TransplantShare), TransplantShare, "--transplant-share must be 0-1.");
        }

        if (UnmaskProbability is < 0 or > 0.9 || double.IsNaN(UnmaskProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(UnmaskProbability), UnmaskProbability, "--synthetic-unmask must be 0-0.9.");
        }

        if (RespiratorShare is < 0 or > 1 || double.IsNaN(RespiratorShare))
        {
            throw new ArgumentOutOfRangeException(nameof(RespiratorShare), RespiratorShare, "--synthetic-respirator must be 0-1.");
        }

        if (ChinShare is < 0 or > 1 || double.IsNaN(ChinShare))
        {
            throw new ArgumentOutOfRangeException(nameof(ChinShare), ChinShare, "--chin-share must be 0-1.");
        }
    }
}
