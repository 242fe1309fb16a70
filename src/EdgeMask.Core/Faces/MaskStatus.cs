namespace EdgeMask.Core.Faces;

/// <summary>What a face is wearing, as far as the classifier (or a track's verdict) can tell.</summary>
public enum MaskStatus
{
    Uncertain = 0,
    Mask = 1,
    NoMask = 2,

    /// <summary>A mask below the nose or on the chin.</summary>
    WornIncorrectly = 3,
}
