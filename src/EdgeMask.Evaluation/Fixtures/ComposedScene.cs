using EdgeMask.Evaluation.Annotations;

namespace EdgeMask.Evaluation.Fixtures;

/// <summary>One written scene: its annotation, and for each face the crop file it was pasted from (relative to the crops folder).</summary>
public sealed record ComposedScene(AnnotatedImage Annotation, IReadOnlyList<string> SourceCrops);
