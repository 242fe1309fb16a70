using OpenCvSharp;

namespace EdgeMask.Evaluation.Robustness;

/// <summary>One condition of the robustness suite: a name and what it does to an image showing a face.</summary>
/// <param name="Name">Short key used in reports (<c>dark-gamma</c>).</param>
/// <param name="Description">What it imitates, with its strength.</param>
public sealed record CameraCondition(string Name, string Description, Action<Mat, Rect, Random> Apply)
{
    /// <summary>The image as captured.</summary>
    public static CameraCondition Original { get; } = new("original", "as captured", (_, _, _) => { });

    /// <summary>
    /// What cheap entrance cameras do, each at a fixed strength: under-exposure (gamma 2.5; -1.5 EV), infrared night
    /// mode, sensor noise, motion blur, JPEG quality 20, a distant face of 28 px scaled up, strong back-light.
    /// </summary>
    public static IReadOnlyList<CameraCondition> Suite { get; } =
    [
        Original,
        new("dark-gamma", "under-exposed, gamma 2.5", (image, _, _) => CameraEffects.Gamma(image, 2.5)),
        new("dark-ev", "under-exposed, -1.5 EV", (image, _, _) => CameraEffects.Exposure(image, -1.5)),
        new("infrared", "infrared night mode: grey, contrast 0.45, soft", (image, _, _) => CameraEffects.InfraredNight(image, 0.45)),
        new("noise", "sensor noise, sigma 12 levels", (image, _, random) => CameraEffects.SensorNoise(image, 12, random)),
        new("motion-blur", "motion blur over 12 % of the face width", (image, face, _) => CameraEffects.MotionBlur(image, 0.12 * face.Width / Math.Max(1, image.Width), 0)),
        new("jpeg-20", "JPEG quality 20", (image, _, _) => CameraEffects.Jpeg(image, 20)),
        new("small-28px", "a 28 px face scaled up", (image, face, _) => CameraEffects.SmallFace(image, face.Width, 28)),
        new("backlight", "strong back-light: face -1.5 EV, bright surround", (image, face, _) => CameraEffects.BackLight(image, face, -1.5, 0.6)),
    ];
}
