using EdgeMask.Capture;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;

namespace EdgeMask.Pipeline;

/// <summary>
/// Sees each processed frame together with its results, before the frame's buffer is reused:
/// the annotated-video writer of <c>edgemask replay</c> is one. Runs on the frame loop; keep it quick.
/// </summary>
public interface IFrameObserver
{
    void OnFrameProcessed(Frame frame, FrameAnalysis analysis, SceneUpdate update);

    /// <summary>Called once when the frame loop ends, to flush files.</summary>
    void OnCompleted();
}
