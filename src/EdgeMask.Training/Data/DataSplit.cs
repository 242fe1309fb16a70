namespace EdgeMask.Training.Data;

/// <summary>Which part of the data set an image belongs to.</summary>
public enum DataSplit
{
    Train,
    Validation,
    Test,
}
