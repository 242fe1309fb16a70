using EdgeMask.Core.Faces;

namespace EdgeMask.Core.Scene;

/// <summary>Turns per-frame observations into tracked people, a current state and incident events.</summary>
/// <remarks>Called from the frame loop only, one frame at a time; implementations need not be thread-safe.</remarks>
public interface ISceneAnalyzer
{
    SceneUpdate Analyze(FrameAnalysis frame);

    /// <summary>
    /// Ends every open incident at the time of the last frame, because the source ended or the daemon stops,
    /// so that each incident's start is matched by an end. Returns the update carrying those end events.
    /// </summary>
    SceneUpdate Close();
}
