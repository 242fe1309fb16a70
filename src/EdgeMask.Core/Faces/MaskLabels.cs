namespace EdgeMask.Core.Faces;

/// <summary>Maps class labels as written in model metadata and annotation files to <see cref="MaskStatus"/>.</summary>
public static class MaskLabels
{
    public const string WithMask = "with_mask";
    public const string WithoutMask = "without_mask";
    public const string WornIncorrectly = "mask_weared_incorrect";

    public static bool TryParse(string label, out MaskStatus status)
    {
        switch (label.Trim().ToLowerInvariant())
        {
            case WithMask or "mask":
                status = MaskStatus.Mask;
                return true;
            case WithoutMask or "no_mask" or "nomask":
                status = MaskStatus.NoMask;
                return true;
            case WornIncorrectly or "mask_worn_incorrectly" or "incorrect_mask" or "worn_incorrectly":
                status = MaskStatus.WornIncorrectly;
                return true;
            default:
                status = MaskStatus.Uncertain;
                return false;
        }
    }

    public static string ToLabel(MaskStatus status) => status switch
    {
        MaskStatus.Mask => WithMask,
        MaskStatus.NoMask => WithoutMask,
        MaskStatus.WornIncorrectly => WornIncorrectly,
        _ => "uncertain",
    };
}
