namespace EdgeMask.Training.Data;

/// <summary>One image file of an ImageFolder data set, its class index and the split its name hashes to.</summary>
public sealed record LabeledImage(string Path, string Label, int LabelIndex, DataSplit Split);
