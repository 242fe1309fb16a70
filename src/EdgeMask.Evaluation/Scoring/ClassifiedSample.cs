using EdgeMask.Core.Faces;

namespace EdgeMask.Evaluation.Scoring;

/// <summary>One classified face: the true label, what the classifier decided, and its confidence.</summary>
/// <param name="Truth">Annotated class (Mask, NoMask or WornIncorrectly).</param>
/// <param name="Prediction">The classifier's answer, including Uncertain below the threshold.</param>
public sealed record ClassifiedSample(MaskStatus Truth, MaskPrediction Prediction)
{
    /// <summary>Score for "not masked" in [0, 1]: the ROC curve ranks faces by it.</summary>
    public double ViolationScore => Prediction.TopClass == MaskStatus.Mask ? 1 - Prediction.Confidence : Prediction.Confidence;
}
