using EdgeMask.Core.Faces;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Training;

/// <summary>A decoded image held in memory with the daemon detector's face (null when it found none).</summary>
public sealed class FaceImage(LabeledImage source, Mat bgr, FaceDetection? detection) : IDisposable
{
    public LabeledImage Source { get; } = source;

    public Mat Bgr { get; } = bgr;

    /// <summary>The detected face with its landmarks, or null.</summary>
    public FaceDetection? Detection { get; } = detection;

    /// <summary>The detected face box, or null.</summary>
    public Rect? Face { get; } = detection is { Box: var b } ? new Rect(b.X, b.Y, b.Width, b.Height) : null;

    /// <summary>The face box to paint occluders into: the detection, else the image (the crops are mostly tight).</summary>
    public Rect PaintBox => Face ?? new Rect(Bgr.Width / 10, Bgr.Height / 20, Bgr.Width * 8 / 10, Bgr.Height * 9 / 10);

    /// <summary>Canonical face coordinates in this image: fitted to the landmarks where the detector gave them, else the paint box's proportions.</summary>
    public FaceFrame Frame => Detection?.Landmarks is { } landmarks ? FaceFrame.FromLandmarks(landmarks) : FaceFrame.FromBox(PaintBox);

    /// <summary>Decodes <paramref name="images"/> and runs the detector on each, in parallel.</summary>
    public static IReadOnlyList<FaceImage> Load(IEnumerable<LabeledImage> images, TrainingFaceDetector detector)
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

    /// <summary>A masked face with landmarks: its mask can be cut out and transplanted onto a bare face.</summary>
    public bool IsMaskDonor => Source.LabelIndex == ClassScheme.WithMask && Detection?.Landmarks is not null;

    /// <summary>A bare face with landmarks whose lower face lies inside its image: it can be pasted over a mask.</summary>
    public bool IsBareDonor => Source.LabelIndex == ClassScheme.WithoutMask && Detection?.Landmarks is not null && MaskTransplanter.RegionInside(Frame, Bgr.Size());

    public void Dispose() => Bgr.Dispose();
}
