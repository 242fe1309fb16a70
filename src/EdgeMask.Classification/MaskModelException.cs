namespace EdgeMask.Classification;

/// <summary>The mask model file cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class MaskModelException : Exception
{
    public MaskModelException(string modelPath, string problem, Exception? innerException = null)
        : base($"mask model '{modelPath}': {problem}", innerException)
    {
        ModelPath = modelPath;
        Problem = problem;
    }

    public MaskModelException()
    {
        ModelPath = string.Empty;
        Problem = string.Empty;
    }

    public MaskModelException(string message)
        : base(message)
    {
        ModelPath = string.Empty;
        Problem = message;
    }

    public MaskModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        ModelPath = string.Empty;
        Problem = message;
    }

    public string ModelPath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
