namespace EdgeMask.Detection;

/// <summary>The face detector cannot start, e.g. its cascade file is missing or unreadable.</summary>
public sealed class FaceDetectorException : Exception
{
    public FaceDetectorException(string message)
        : base(message)
    {
    }

    public FaceDetectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FaceDetectorException()
    {
    }
}
