using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>
/// Finds the largest frontal face with OpenCV's Haar cascade, on an equalised grayscale copy.
/// Kept apart so it can be swapped for EdgeMask.Detection's HaarFaceDetector once that exists, so that
/// training and the daemon share one detector; the parameters here mirror the runtime's defaults.
/// </summary>
public sealed class TrainingFaceDetector : IDisposable
{
    public const string DefaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
    private readonly CascadeClassifier _cascade;
    private readonly Lock _gate = new();

    public TrainingFaceDetector(string cascadePath = DefaultCascadePath)
    {
        if (!File.Exists(cascadePath))
        {
            throw new FileNotFoundException($"Haar cascade '{cascadePath}' not found (Debian package opencv-data installs it).", cascadePath);
        }

        _cascade = new CascadeClassifier(cascadePath);
        if (_cascade.Empty())
        {
            throw new InvalidDataException($"Haar cascade '{cascadePath}' could not be loaded.");
        }
    }

    /// <summary>The largest face at least a third of the image's shorter side, or null.</summary>
    public Rect? DetectLargest(Mat bgr)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        Cv2.EqualizeHist(gray, gray);
        var minSide = Math.Max(24, Math.Min(bgr.Width, bgr.Height) / 3);
        Rect[] faces;
        lock (_gate)
        {
            faces = _cascade.DetectMultiScale(gray, 1.1, 5, HaarDetectionTypes.ScaleImage, new Size(minSide, minSide));
        }

        return faces.Length == 0 ? null : faces.MaxBy(face => face.Width * face.Height);
    }

    public void Dispose() => _cascade.Dispose();
}
