namespace EdgeMask.Core.Scene.Tracking;

/// <summary>The tracking part of <see cref="SceneOptions"/>, read per frame.</summary>
internal readonly record struct TrackerSettings(
    TimeSpan MaxUnseen,
    int ConfirmFrames,
    double MinIou,
    double MaxCenterDistanceFaceWidths)
{
    public static TrackerSettings From(SceneOptions options) => new(
        options.TrackMaxUnseen,
        options.TrackConfirmFrames,
        options.MatchMinIou,
        options.MatchMaxCenterDistanceFaceWidths);
}
