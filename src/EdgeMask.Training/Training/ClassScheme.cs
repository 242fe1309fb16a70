using EdgeMask.Core.Faces;

namespace EdgeMask.Training.Training;

/// <summary>
/// The model's output classes. The data set has with_mask and without_mask; the third class, a mask worn below the
/// nose, exists only through synthetic masks. With two classes those synthetic faces are labelled without_mask.
/// </summary>
public sealed record ClassScheme(IReadOnlyList<string> Labels)
{
    public const int WithMask = 0;
    public const int WithoutMask = 1;

    public static ClassScheme TwoClass { get; } = new([MaskLabels.WithMask, MaskLabels.WithoutMask]);

    public static ClassScheme ThreeClass { get; } = new([MaskLabels.WithMask, MaskLabels.WithoutMask, MaskLabels.WornIncorrectly]);

    public int Count => Labels.Count;

    /// <summary>The class of a face with a mask painted below the nose.</summary>
    public int BelowNose => Count == 3 ? 2 : WithoutMask;

    /// <summary>The class index of an image in this scheme: a corrected below-nose image (index 2) is without_mask with two classes.</summary>
    public int Of(Data.LabeledImage image) => image.LabelIndex < Count ? image.LabelIndex : BelowNose;

    public static ClassScheme FromCount(int classes) => classes switch
    {
        2 => TwoClass,
        3 => ThreeClass,
        _ => throw new ArgumentOutOfRangeException(nameof(classes), classes, "Classes must be 2 (with_mask, without_mask) or 3 (plus mask_weared_incorrect)."),
    };
}
