namespace EdgeMask.Capture;

/// <summary>How fast a video file is read.</summary>
public enum FilePacing
{
    /// <summary>In real time, at the frame rate the file declares.</summary>
    FilePace,

    /// <summary>As fast as the file decodes (replay and benchmarks).</summary>
    AsFastAsPossible,
}
