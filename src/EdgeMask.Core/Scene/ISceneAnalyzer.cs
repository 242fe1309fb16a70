using EdgeMask.Core.Faces;

namespace EdgeMask.Core.Scene;

/// <summary>Turns per-frame observations into tracked people, a current state and incident events.</summary>
/// <remarks>Called from the frame loop only, one frame at a time; implementations need not be thread-safe.</remarks>
public interface ISceneAnalyzer
{
    SceneUpdate Analyze(FrameAnalysis frame);
}
