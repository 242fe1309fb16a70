namespace EdgeMask.Core.Faces;

/// <summary>The classifier's answer for one face crop.</summary>
/// <param name="Status">The winning class, or <see cref="MaskStatus.Uncertain"/> when its probability is below the threshold.</param>
/// <param name="Confidence">Probability of the winning class in [0, 1].</param>
/// <param name="TopClass">The winning class even when <paramref name="Status"/> is uncertain.</param>
public sealed record MaskPrediction(MaskStatus Status, float Confidence, MaskStatus TopClass);
