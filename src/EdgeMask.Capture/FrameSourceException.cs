namespace EdgeMask.Capture;

/// <summary>A frame source could not be opened or read; the message says which source and why.</summary>
public sealed class FrameSourceException : Exception
{
    public FrameSourceException(string message)
        : base(message)
    {
    }

    public FrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FrameSourceException()
    {
    }
}
