using EdgeMask.Core.Scene;

namespace EdgeMask.Core.Outputs;

/// <summary>A consumer of scene updates: signals (LEDs, buzzer), publishers (MQTT), recorders (JSON lines).</summary>
/// <remarks>
/// Called from the frame loop for every processed frame. Implementations must return quickly and never
/// block: hand work to their own queue or timer. An exception thrown here is logged and does not stop the loop.
/// </remarks>
public interface ISceneSink
{
    ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken);
}
