using EdgeMask.Detection.YuNet;

namespace EdgeMask.Detection;

/// <summary>
/// Loads the configured detector's files the way the daemon will, without a frame: for <c>yunet</c> the model is
/// checked against its SHA-256 and run once in ONNX Runtime on a test pattern (no OpenCV needed), for <c>haar</c> every
/// cascade is loaded. <c>edgemask check-config</c> uses it so that a bad model fails there with the daemon's exit code.
/// </summary>
public static class FaceDetectorCheck
{
    /// <returns>One line saying what was checked.</returns>
    /// <exception cref="FaceDetectorException">A file is missing, altered or not usable; the message names it and its key.</exception>
    public static string Run(DetectionOptions detection, YuNetOptions yunet)
    {
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(yunet);
        if (detection.UsesHaar)
        {
            var cascades = new List<(string Path, string Key)> { (detection.ResolveCascadePath(), "Detection:CascadePath") };
            cascades.AddRange(detection.AdditionalCascadePaths.Select((path, i) => (DetectionOptions.ResolvePath(path), $"Detection:AdditionalCascadePaths:{i}")));
            if (detection.EyePairFallback)
            {
                cascades.Add((DetectionOptions.ResolvePath(detection.EyeCascadePath), "Detection:EyeCascadePath"));
            }

            foreach (var (path, key) in cascades)
            {
                HaarFaceDetector.LoadCascade(path, key).Dispose();
            }

            return $"face detector: haar, {cascades.Count} cascade(s) loaded ({string.Join(", ", cascades.Select(c => c.Path))})";
        }

        using var model = new YuNetModel(yunet);
        var score = model.TestPatternTopScore();
        return FormattableString.Invariant($"face detector: yunet {model.Path}, SHA-256 verified, runs in ONNX Runtime (test pattern top score {score:0.000000})");
    }
}
