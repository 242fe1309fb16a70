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

    /// <summary>Classifies all faces of a frame in one batch; result i belongs to faces[i].</summary>
    IReadOnlyList<MaskPrediction> Classify(Mat bgrFrame, IReadOnlyList<PixelBox> faces);
}
