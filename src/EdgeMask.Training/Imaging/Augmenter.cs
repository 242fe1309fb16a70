using EdgeMask.Evaluation.Robustness;
using OpenCvSharp;

namespace EdgeMask.Training.Imaging;

/// <summary>Produces one augmented, input-sized crop from an image and its (detected or assumed) face region.</summary>
public sealed class Augmenter(AugmentationOptions options, InputSpec spec)
{
    /// <summary>
    /// Crops <paramref name="bgr"/> around <paramref name="face"/> (runtime margin, jittered) or, without a detection
    /// and for a share of detected faces (<see cref="AugmentationOptions.WholeImageProbability"/>), around the whole
    /// image with random scale and offset, then applies geometric and photometric augmentation.
    /// </summary>
    public Mat Augment(Mat bgr, Rect? face, Random random)
    {
        var crop = CropBox(bgr.Size(), face, random);
        using var warped = Warp(bgr, crop, random);
        return Photometric(warped, random);
    }

    private Rect2d CropBox(Size image, Rect? face, Random random)
    {
        double x, y, w, h;
        if (face is { } f && !FramedAsWholeImage(random))
        {
            var scale = 1 + Symmetric(random, options.DetectedJitter);
            w = f.Width * (1 + 2 * spec.CropMargin) * scale;
            h = f.Height * (1 + 2 * spec.CropMargin) * scale;
            x = f.X + f.Width / 2.0 - w / 2 + Symmetric(random, options.DetectedJitter) * f.Width;
            y = f.Y + f.Height / 2.0 - h / 2 + Symmetric(random, options.DetectedJitter) * f.Height;
        }
        else
        {
            var scale = 1 + Symmetric(random, options.UndetectedScaleJitter);
            w = image.Width * scale;
            h = image.Height * scale;
            x = (image.Width - w) / 2 + Symmetric(random, options.UndetectedOffsetJitter) * image.Width;
            y = (image.Height - h) / 2 + Symmetric(random, options.UndetectedOffsetJitter) * image.Height;
        }

        return new Rect2d(x, y, w, h);
    }

    // No draw when the option is off, so earlier recipes reproduce their exact random sequence.
    private bool FramedAsWholeImage(Random random) =>
        options.WholeImageProbability > 0 && random.NextDouble() < options.WholeImageProbability;

    private Mat Warp(Mat bgr, Rect2d crop, Random random)
    {
        // Build the map from output pixels to source pixels: output -> unit square centred at 0 -> augment -> crop.
        var angle = Symmetric(random, options.RotationDegrees) * Math.PI / 180;
        var shear = Math.Tan(Symmetric(random, options.ShearDegrees) * Math.PI / 180);
        var zoom = 1 + Symmetric(random, options.ZoomFraction);
        var shiftX = Symmetric(random, options.ShiftFraction);
        var shiftY = Symmetric(random, options.ShiftFraction);
        var flip = options.HorizontalFlip && random.NextDouble() < 0.5 ? -1.0 : 1.0;

        var cos = Math.Cos(angle) / zoom;
        var sin = Math.Sin(angle) / zoom;
        // Linear part in unit coordinates: rotation*zoom, then shear, then flip.
        double a = cos * flip, b = -sin + shear * cos, c = sin * flip, d = cos + shear * sin;
        var sx = crop.Width / spec.Width;
        var sy = crop.Height / spec.Height;
        var cx = spec.Width / 2.0;
        var cy = spec.Height / 2.0;
        var m00 = a * sx;
        var m01 = b * sx * spec.Height / spec.Width;
        var m10 = c * sy * spec.Width / spec.Height;
        var m11 = d * sy;
        var tx = crop.X + crop.Width / 2 + shiftX * crop.Width - m00 * cx - m01 * cy;
        var ty = crop.Y + crop.Height / 2 + shiftY * crop.Height - m10 * cx - m11 * cy;
        using var map = new Mat(2, 3, MatType.CV_64FC1);
        map.Set(0, 0, m00);
        map.Set(0, 1, m01);
        map.Set(0, 2, tx);
        map.Set(1, 0, m10);
        map.Set(1, 1, m11);
        map.Set(1, 2, ty);
        var output = new Mat();
        Cv2.WarpAffine(bgr, output, map, new Size(spec.Width, spec.Height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        return output;
    }

    private Mat Photometric(Mat image, Random random)
    {
        var result = image.Clone();
        if (options.LowResolutionProbability > 0 && random.NextDouble() < options.LowResolutionProbability)
        {
            var side = random.Next(16, 41);
            using var small = new Mat();
            Cv2.Resize(result, small, new Size(side, side), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, result, new Size(spec.Width, spec.Height), 0, 0, InterpolationFlags.Linear);
        }

        if (options.BlurProbability > 0 && random.NextDouble() < options.BlurProbability)
        {
            Cv2.GaussianBlur(result, result, new Size(0, 0), 0.5 + random.NextDouble() * 0.8);
        }

        // A dark, back-lit or infrared crop keeps its light as that condition left it: a brightness shift on top would
        // stack two exposures (a black crop) or colour an infrared image.
        var condition = ApplyCameraConditions(result, random);
        var gain = 1 + Symmetric(random, options.Contrast);
        var offset = condition ? 0 : Symmetric(random, options.Brightness) * 255;
        var warmth = condition ? 0 : Symmetric(random, options.ColourTemperature);
        var noise = options.NoiseProbability > 0 && random.NextDouble() < options.NoiseProbability ? random.NextDouble() * options.NoiseSigmaLevels : 0;
        if (gain != 1 || offset != 0 || warmth != 0 || noise > 0)
        {
            using var floats = new Mat();
            result.ConvertTo(floats, MatType.CV_32FC3);
            var mean = Cv2.Mean(floats);
            var channelGain = new Scalar(gain * (1 - warmth), gain, gain * (1 + warmth));
            var channels = floats.Split();
            for (var channel = 0; channel < 3; channel++)
            {
                // Contrast around the channel mean, then brightness, then colour temperature (blue down, red up when warm).
                channels[channel].ConvertTo(channels[channel], MatType.CV_32FC1, channelGain[channel], (mean[channel] * (1 - gain) + offset) * (channelGain[channel] / gain));
                if (noise > 0)
                {
                    using var sample = GaussianNoise(channels[channel].Size(), noise, random);
                    Cv2.Add(channels[channel], sample, channels[channel]);
                }
            }

            Cv2.Merge(channels, floats);
            foreach (var channel in channels)
            {
                channel.Dispose();
            }

            floats.ConvertTo(result, MatType.CV_8UC3);
        }

        if (options.JpegProbability > 0 && random.NextDouble() < options.JpegProbability)
        {
            CameraEffects.Jpeg(result, random.Next(options.JpegMinQuality, 91));
        }

        return result;
    }

    /// <summary>
    /// What entrance cameras do that the robustness suite tests (<see cref="CameraCondition.Suite"/>), at random
    /// strengths: motion blur, and at most one of under-exposure, back-light and infrared night mode. No draw for an
    /// option set to 0.
    /// </summary>
    /// <returns>True when the crop's light was changed (dark, back-lit or infrared).</returns>
    private bool ApplyCameraConditions(Mat crop, Random random)
    {
        if (Draw(random, options.MotionBlurProbability))
        {
            CameraEffects.MotionBlur(crop, 0.03 + (random.NextDouble() * 0.07), random.NextDouble() * 180);
        }

        var lighting = options.DarkProbability + options.BackLightProbability + options.InfraredProbability;
        if (lighting <= 0)
        {
            return false;
        }

        var draw = random.NextDouble();
        if (draw < options.DarkProbability)
        {
            if (random.NextDouble() < 0.5)
            {
                CameraEffects.Gamma(crop, 1.5 + (random.NextDouble() * 1.5));
            }
            else
            {
                CameraEffects.Exposure(crop, -(0.5 + (random.NextDouble() * 1.5)));
            }

            return true;
        }

        draw -= options.DarkProbability;
        if (draw < options.BackLightProbability)
        {
            // The runtime crop holds the face in its middle, inside the margin on every side.
            var inset = spec.CropMargin / (1 + (2 * spec.CropMargin));
            var face = new Rect((int)(inset * spec.Width), (int)(inset * spec.Height), (int)((1 - (2 * inset)) * spec.Width), (int)((1 - (2 * inset)) * spec.Height));
            CameraEffects.BackLight(crop, face, -(0.5 + (random.NextDouble() * 1.5)), 0.3 + (random.NextDouble() * 0.7));
            return true;
        }

        draw -= options.BackLightProbability;
        if (draw < options.InfraredProbability)
        {
            CameraEffects.InfraredNight(crop, 0.35 + (random.NextDouble() * 0.45));
            return true;
        }

        return false;
    }

    private static bool Draw(Random random, double probability) => probability > 0 && random.NextDouble() < probability;

    // Drawn from the caller's Random (not OpenCV's global RNG) so a seed reproduces every sample on any thread.
    private static Mat GaussianNoise(Size size, double sigma, Random random)
    {
        var values = new float[size.Width * size.Height];
        for (var i = 0; i < values.Length; i++)
        {
            var u = 1 - random.NextDouble();
            values[i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return Mat.FromPixelData(size.Height, size.Width, MatType.CV_32FC1, values).Clone();
    }

    private static double Symmetric(Random random, double range) => range == 0 ? 0 : (random.NextDouble() * 2 - 1) * range;
}
