using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;

namespace EdgeMask.Evaluation.Annotations;

/// <summary>A ground-truth face: its box and what it wears, as annotated.</summary>
public sealed record AnnotatedFace(PixelBox Box, MaskStatus Label, string RawLabel);
