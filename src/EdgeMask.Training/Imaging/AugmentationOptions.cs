namespace EdgeMask.Training.Imaging;

/// <summary>
/// Training-time augmentation. Geometry follows the tutorial's ImageDataGenerator (nearest fill, horizontal flip);
/// the photometric part imitates what door cameras add. Probabilities are 0-1; set one to 0 to switch a step off.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>Maximum rotation either way, degrees (default 20, range 0-40).</summary>
    public double RotationDegrees { get; init; } = 20;

    /// <summary>Maximum horizontal and vertical shift as a fraction of the crop (default 0.1, range 0-0.3).</summary>
    public double ShiftFraction { get; init; } = 0.1;

    /// <summary>Maximum shear angle either way, degrees (default 8, range 0-25).</summary>
    public double ShearDegrees { get; init; } = 8;

    /// <summary>Maximum zoom in or out as a fraction (default 0.15: scale 0.85-1.15, range 0-0.6).</summary>
    public double ZoomFraction { get; init; } = 0.15;

    public bool HorizontalFlip { get; init; } = true;

    /// <summary>Brightness offset either way as a fraction of full scale (default 0.25).</summary>
    public double Brightness { get; init; } = 0.25;

    /// <summary>Contrast gain either way (default 0.3: gain 0.7-1.3).</summary>
    public double Contrast { get; init; } = 0.3;

    /// <summary>Colour temperature: opposite red/blue gains either way (default 0.15).</summary>
    public double ColourTemperature { get; init; } = 0.15;

    public double BlurProbability { get; init; } = 0.2;

    /// <summary>Gaussian noise probability (default 0.3) and maximum sigma in 8-bit levels (default 8).</summary>
    public double NoiseProbability { get; init; } = 0.3;

    public double NoiseSigmaLevels { get; init; } = 8;

    /// <summary>JPEG re-encoding probability (default 0.3) at quality <see cref="JpegMinQuality"/>-90.</summary>
    public double JpegProbability { get; init; } = 0.3;

    /// <summary>Lowest JPEG quality drawn (default 15; the robustness suite tests 20).</summary>
    public int JpegMinQuality { get; init; } = 15;

    /// <summary>Under-exposure probability (default 0.2): gamma 1.5-3, or -0.5 to -2 EV, half each.</summary>
    public double DarkProbability { get; init; } = 0.2;

    /// <summary>Infrared night mode probability (default 0.1): grey, contrast 0.35-0.8, soft.</summary>
    public double InfraredProbability { get; init; } = 0.1;

    /// <summary>Back-light probability (default 0.1): the face -0.5 to -2 EV, the surround bright.</summary>
    public double BackLightProbability { get; init; } = 0.1;

    /// <summary>Motion blur probability (default 0.12): over 3-10 % of the crop, any direction.</summary>
    public double MotionBlurProbability { get; init; } = 0.12;

    /// <summary>Low-resolution probability (default 0.25): down to 16-40 px and back up.</summary>
    public double LowResolutionProbability { get; init; } = 0.25;

    /// <summary>Random scale (default 0.2) and offset (default 0.1) of the crop where no face was detected.</summary>
    public double UndetectedScaleJitter { get; init; } = 0.2;

    public double UndetectedOffsetJitter { get; init; } = 0.1;

    /// <summary>Jitter of a detected face box, scale and offset fractions (default 0.06), imitating detector noise.</summary>
    public double DetectedJitter { get; init; } = 0.06;

    /// <summary>
    /// Share of images with a detected face that are framed as if none had been found (the whole image, with the
    /// undetected jitter). Default 0: the daemon's detector (YuNet) finds 90 % of the masked and all of the bare
    /// training faces, and images without a face are left out of training, so every crop is framed as the daemon
    /// frames it. (With the Haar cascade, which found 10 % of the masked and 53 % of the bare faces, 0.5 was needed:
    /// otherwise a tight frame itself meant "no mask".)
    /// </summary>
    public double WholeImageProbability { get; init; }

    /// <summary>No augmentation at all: runtime crops only.</summary>
    public static AugmentationOptions None { get; } = new()
    {
        RotationDegrees = 0, ShiftFraction = 0, ShearDegrees = 0, ZoomFraction = 0, HorizontalFlip = false,
        Brightness = 0, Contrast = 0, ColourTemperature = 0, BlurProbability = 0, NoiseProbability = 0,
        JpegProbability = 0, LowResolutionProbability = 0, UndetectedScaleJitter = 0, UndetectedOffsetJitter = 0, DetectedJitter = 0,
        WholeImageProbability = 0, DarkProbability = 0, InfraredProbability = 0, BackLightProbability = 0, MotionBlurProbability = 0,
    };

    /// <summary>These options without the camera effects (brightness, contrast, colour, blur, noise, JPEG, resolution, darkness, infrared, back-light, motion).</summary>
    public AugmentationOptions WithoutCameraEffects() => this with
    {
        Brightness = 0, Contrast = 0, ColourTemperature = 0, BlurProbability = 0, NoiseProbability = 0, JpegProbability = 0,
        LowResolutionProbability = 0, DarkProbability = 0, InfraredProbability = 0, BackLightProbability = 0, MotionBlurProbability = 0,
    };

    public void Validate()
    {
        Check(RotationDegrees, 0, 40, nameof(RotationDegrees));
        Check(ShiftFraction, 0, 0.3, nameof(ShiftFraction));
        Check(ShearDegrees, 0, 25, nameof(ShearDegrees));
        Check(ZoomFraction, 0, 0.6, nameof(ZoomFraction));
        Check(Brightness, 0, 0.5, nameof(Brightness));
        Check(Contrast, 0, 0.6, nameof(Contrast));
        Check(ColourTemperature, 0, 0.4, nameof(ColourTemperature));
        Check(BlurProbability, 0, 1, nameof(BlurProbability));
        Check(NoiseProbability, 0, 1, nameof(NoiseProbability));
        Check(NoiseSigmaLevels, 0, 40, nameof(NoiseSigmaLevels));
        Check(JpegProbability, 0, 1, nameof(JpegProbability));
        Check(LowResolutionProbability, 0, 1, nameof(LowResolutionProbability));
        Check(UndetectedScaleJitter, 0, 0.5, nameof(UndetectedScaleJitter));
        Check(UndetectedOffsetJitter, 0, 0.3, nameof(UndetectedOffsetJitter));
        Check(DetectedJitter, 0, 0.3, nameof(DetectedJitter));
        Check(WholeImageProbability, 0, 1, nameof(WholeImageProbability));
        Check(JpegMinQuality, 5, 90, nameof(JpegMinQuality));
        Check(DarkProbability, 0, 1, nameof(DarkProbability));
        Check(InfraredProbability, 0, 1, nameof(InfraredProbability));
        Check(BackLightProbability, 0, 1, nameof(BackLightProbability));
        Check(MotionBlurProbability, 0, 1, nameof(MotionBlurProbability));
        Check(DarkProbability + BackLightProbability + InfraredProbability, 0, 1, "DarkProbability + BackLightProbability + InfraredProbability (exclusive lighting conditions)");
    }

    private static void Check(double value, double min, double max, string name)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Augmentation:{name} must be {min}-{max}.");
        }
    }
}
