using EdgeMask.Training.Data;
using OpenCvSharp;

namespace EdgeMask.Training.Training;

/// <summary>A decoded image held in memory with its Haar face box (null when the detector found none).</summary>
public sealed class FaceImage(LabeledImage source, Mat bgr, Rect? face) : IDisposable
{
    public LabeledImage Source { get; } = source;

    public Mat Bgr { get; } = bgr;

    public Rect? Face { get; } = face;

    /// <summary>The face box to paint a synthetic mask into: the detection, else the image (the crops are mostly tight).</summary>
    public Rect PaintBox => Face ?? new Rect(Bgr.Width / 10, Bgr.Height / 20, Bgr.Width * 8 / 10, Bgr.Height * 9 / 10);

    /// <summary>Decodes <paramref name="images"/> and runs the detector on each, in parallel.</summary>
    public static IReadOnlyList<FaceImage> Load(IEnumerable<LabeledImage> images, Imaging.TrainingFaceDetector detector)
    {
        var list = images.ToList();
        var loaded = new FaceImage[list.Count];
        Parallel.For(0, list.Count, i =>
        {
            var bgr = Cv2.ImRead(list[i].Path, ImreadModes.Color);
            if (bgr.Empty())
            {
                throw new InvalidDataException($"Image '{list[i].Path}' could not be decoded.");
            }

            loaded[i] = new FaceImage(list[i], bgr, detector.DetectLargest(bgr));
        });
        return loaded;
    }

    public void Dispose() => Bgr.Dispose();
}
