namespace EdgeMask.Detection.Learned;

/// <summary>Creates the learned face detector that <c>Detection:Detector</c> names.</summary>
public static class LearnedFaceDetectorFactory
{
    /// <summary>The <c>Detection:Detector</c> values this factory handles.</summary>
    public static IReadOnlyList<string> DetectorNames { get; } = ["tiny", "ssd"];

    /// <summary>True for <c>tiny</c> and <c>ssd</c> (case-insensitive).</summary>
    public static bool TryParseKind(string? detectorName, out LearnedDetectorKind kind)
    {
        switch (detectorName?.Trim().ToLowerInvariant())
        {
            case "tiny":
                kind = LearnedDetectorKind.Tiny;
                return true;
            case "ssd":
                kind = LearnedDetectorKind.Ssd;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <exception cref="ArgumentException"><paramref name="detectorName"/> is neither <c>tiny</c> nor <c>ssd</c>.</exception>
    /// <exception cref="FileNotFoundException">The model file is missing; the message names it and the set-up command.</exception>
    public static IFaceDetector Create(string detectorName, LearnedDetectorOptions options) =>
        TryParseKind(detectorName, out var kind)
            ? Create(kind, options)
            : throw new ArgumentException($"Detection:Detector '{detectorName}' is not a learned detector; use {string.Join(" or ", DetectorNames)}.", nameof(detectorName));

    /// <exception cref="FileNotFoundException">The model file is missing; the message names it and the set-up command.</exception>
    public static IFaceDetector Create(LearnedDetectorKind kind, LearnedDetectorOptions options) => new OnnxFaceDetector(kind, options);
}
