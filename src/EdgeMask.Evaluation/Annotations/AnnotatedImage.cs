namespace EdgeMask.Evaluation.Annotations;

/// <summary>One annotated scene: the image file it describes and its faces.</summary>
public sealed record AnnotatedImage(string ImageFile, int Width, int Height, IReadOnlyList<AnnotatedFace> Faces);
