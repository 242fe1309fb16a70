namespace EdgeMask.Evaluation.Scoring;

/// <summary>Counts behind a recall and a precision figure; either may be undefined (no boxes).</summary>
public sealed class RecallPrecision
{
    public int Truths { get; private set; }
    public int TruthsFound { get; private set; }
    public int Predictions { get; private set; }
    public int PredictionsCorrect { get; private set; }

    public double? Recall => Truths == 0 ? null : (double)TruthsFound / Truths;
    public double? Precision => Predictions == 0 ? null : (double)PredictionsCorrect / Predictions;

    public void AddTruth(bool found)
    {
        Truths++;
        if (found)
        {
            TruthsFound++;
        }
    }

    public void AddPrediction(bool correct)
    {
        Predictions++;
        if (correct)
        {
            PredictionsCorrect++;
        }
    }
}
