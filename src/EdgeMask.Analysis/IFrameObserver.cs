using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using OpenCvSharp;

namespace EdgeMask.Analysis;

/// <summary>
/// Sees each processed frame together with its results, before the frame's buffer is reused: the annotated-video
/// writer of <c>edgemask replay</c>, the dashboard's live view and the incident snapshots are observers.
/// Runs on the frame loop: copy what is needed and hand the slow work (drawing, encoding, disk) to another task.
/// </summary>
public interface IFrameObserver
{
    void OnFrameProcessed(Mat image, FrameAnalysis analysis, SceneUpdate update);

    /// <summary>Called once when the frame loop ends, to flush files.</summary>
    void OnCompleted();
}
