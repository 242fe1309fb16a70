using EdgeMask.Classification;
using EdgeMask.Core.Control;
using EdgeMask.Core.Scene;
using EdgeMask.Core.Settings;

namespace EdgeMask.Hosting;

/// <summary>The daemon's thresholds in force: the runtime override, else the last valid configured value.</summary>
internal sealed class EffectiveSettings(RuntimeControls controls, LastValidOptions<ClassificationOptions> classification, LastValidOptions<SceneOptions> scene) : IEffectiveSettings
{
    public double MinConfidence => controls.MaskConfidenceThreshold ?? classification.Current.MinConfidence;

    public double MinDistanceMeters => controls.MinDistanceMeters ?? scene.Current.MinDistanceMeters;
}
