namespace EdgeMask.Training.Training;

/// <summary>One epoch's progress: training loss and accuracy, validation loss and accuracies, wall time.</summary>
public sealed record EpochReport(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationBalancedAccuracy,
    double SyntheticOverNoseRecall,
    double SyntheticBelowNoseRecall,
    TimeSpan Elapsed,
    bool Improved)
{
    public override string ToString() => FormattableString.Invariant(
        $"epoch {Epoch,3}  train loss {TrainLoss:F4} acc {TrainAccuracy:P2}  val loss {ValidationLoss:F4} bal.acc {ValidationBalancedAccuracy:P2}  synthetic mask {SyntheticOverNoseRecall:P1} below-nose {SyntheticBelowNoseRecall:P1}  {Elapsed.TotalSeconds:F1}s{(Improved ? "  *" : "")}");
}
