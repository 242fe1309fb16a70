using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Evaluation.Annotations;

/// <summary>A ground-truth face: its box and what it wears, as annotated.</summary>
/// <param name="Label">The class scored against (worn incorrectly may be folded into no mask).</param>
/// <param name="RawLabel">The label as written in the annotation file.</param>
public sealed record AnnotatedFace(PixelBox Box, MaskStatus Label, string RawLabel)
{
    /// <summary>The class the annotation file gives, never folded: worn incorrectly stays worn incorrectly.</summary>
    public MaskStatus AnnotatedStatus => MaskLabels.TryParse(RawLabel, out var status) ? status : Label;
}
