using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>Decides mask / no mask / uncertain for the faces of one frame.</summary>
/// <remarks>Called from the frame loop only; implementations reuse their tensors between calls.</remarks>
public interface IMaskClassifier : IDisposable
{
    /// <summary>What the loaded model expects and can answer.</summary>
    MaskModelInfo Model { get; }

    /// <summary>
    /// Classifies all faces of a frame in one batch; result i belongs to faces[i]. This is the one place where a
    /// face's probabilities are held against the confidence threshold: a result's status is final.
    /// </summary>
    IReadOnlyList<MaskPrediction> Classify(Mat bgrFrame, IReadOnlyList<FaceDetection> faces);
}

public static class MaskClassifierExtensions
{
    /// <summary>Classifies face boxes that come without a detector's score or landmarks (crops, tests).</summary>
    public static IReadOnlyList<MaskPrediction> Classify(this IMaskClassifier classifier, Mat bgrFrame, IReadOnlyList<PixelBox> faces)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(faces);
        return classifier.Classify(bgrFrame, faces.Select(box => new FaceDetection(box, 1f)).ToArray());
    }
}
