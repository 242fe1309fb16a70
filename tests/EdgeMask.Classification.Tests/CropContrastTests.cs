using OpenCvSharp;

namespace EdgeMask.Classification.Tests;

public sealed class CropContrastTests
{
    [Theory]
    [InlineData(0.25, 20)] // dark and flat: a night-mode face far from the lamp
    [InlineData(1.0, 200)] // bright and contrasty
    public void Standardise_BringsLuminanceToTheTargetMeanAndSpread(double contrast, int brightness)
    {
        using var crop = FaceLikeCrop(contrast, brightness);
        using var luminance = new Mat();

        CropContrast.Standardise(crop, luminance);

        Cv2.CvtColor(crop, luminance, ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(luminance, out var mean, out var std);
        Assert.InRange(mean.Val0, CropContrast.TargetMean - 2, CropContrast.TargetMean + 2);
        Assert.InRange(std.Val0, CropContrast.TargetStd - 2, CropContrast.TargetStd + 2);
    }

    [Fact]
    public void Standardise_SameFaceUnderTwoExposures_GivesNearlyTheSamePixels()
    {
        using var dark = FaceLikeCrop(0.3, 30);
        using var bright = FaceLikeCrop(0.9, 150);
        using var luminance = new Mat();

        CropContrast.Standardise(dark, luminance);
        CropContrast.Standardise(bright, luminance);

        // Before: the crops differ by about 100 levels per pixel; after, by the rounding of the darker one's few levels.
        Assert.InRange(Cv2.Norm(dark, bright, NormTypes.L1) / dark.Total() / 3, 0, 4);
    }

    [Fact]
    public void GainAndOffset_FlatCrop_CapsTheGain()
    {
        var (gain, offset) = CropContrast.GainAndOffset(mean: 90, std: 1);

        Assert.Equal(CropContrast.MaxGain, gain);
        Assert.Equal(CropContrast.TargetMean - (CropContrast.MaxGain * 90), offset);
        Assert.Equal(CropContrast.TargetStd / 24, CropContrast.GainAndOffset(90, 24).Gain, 12);
    }

    [Fact]
    public void Standardise_UniformCrop_BecomesTheTargetMean()
    {
        using var crop = new Mat(16, 16, MatType.CV_8UC3, Scalar.All(37));
        using var luminance = new Mat();

        CropContrast.Standardise(crop, luminance);

        Assert.Equal(new Vec3b(128, 128, 128), crop.At<Vec3b>(5, 5));
    }

    [Fact]
    public void Standardise_NotAnEightBitColourImage_SaysWhatItGot()
    {
        using var single = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(3));
        using var luminance = new Mat();

        var error = Assert.Throws<ArgumentException>(() => CropContrast.Standardise(single, luminance));

        Assert.Contains("8-bit BGR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardiseLuminance_GivesWhatStandardiseGivesTheThreeChannelGreyCrop()
    {
        using var crop = FaceLikeCrop(0.35, 45);
        using var luminance = new Mat();
        using var greyBgr = new Mat();
        GreyCrop.ToGrey(crop, greyBgr, luminance);
        using var scratch = new Mat();

        CropContrast.Standardise(greyBgr, scratch);
        CropContrast.StandardiseLuminance(luminance);

        using var expanded = new Mat();
        GreyCrop.ToBgr(luminance, expanded);
        Assert.Equal(0, Cv2.Norm(greyBgr, expanded, NormTypes.L1));
    }

    [Fact]
    public void StandardiseLuminance_NotOneChannel_SaysWhatItGot()
    {
        using var colour = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(3));

        var error = Assert.Throws<ArgumentException>(() => CropContrast.StandardiseLuminance(colour));

        Assert.Contains("one-channel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_ColourAsCaptured_ReturnsTheCropItself()
    {
        using var crop = FaceLikeCrop(1, 120);
        using var prepared = new Mat();
        using var luminance = new Mat();

        Assert.Same(crop, CropPreparation.Prepare(crop, InputColour.Colour, InputContrast.AsCaptured, prepared, luminance));
    }

    [Theory]
    [InlineData(InputColour.Grey, InputContrast.AsCaptured)]
    [InlineData(InputColour.Colour, InputContrast.Standardised)]
    [InlineData(InputColour.Grey, InputContrast.Standardised)]
    public void Prepare_WritesIntoTheScratchImage_AndLeavesTheCropAlone(InputColour colour, InputContrast contrast)
    {
        using var crop = FaceLikeCrop(0.4, 40);
        using var original = crop.Clone();
        using var prepared = new Mat();
        using var luminance = new Mat();

        var result = CropPreparation.Prepare(crop, colour, contrast, prepared, luminance);

        Assert.Same(prepared, result);
        Assert.Equal(0, Cv2.Norm(crop, original, NormTypes.L1));
        Assert.Equal(colour == InputColour.Grey, GreyCrop.MeanChroma(prepared) == 0);
        Cv2.CvtColor(prepared, luminance, ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(luminance, out _, out var std);
        Assert.Equal(contrast == InputContrast.Standardised, std.Val0 > CropContrast.TargetStd - 3);
    }

    /// <summary>A colour crop with a vertical ramp and a dark band (eyes), scaled by contrast around a brightness.</summary>
    private static Mat FaceLikeCrop(double contrast, int brightness)
    {
        var crop = new Mat(64, 64, MatType.CV_8UC3);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var shade = (y is > 20 and < 28 ? -60 : 0) + ((x - 32) * 1.2) + ((y - 32) * 0.8);
                double Level(double tint) => Math.Clamp(brightness + (contrast * (shade + tint)), 0, 255);
                crop.Set(y, x, new Vec3b((byte)Level(-10), (byte)Level(0), (byte)Level(15)));
            }
        }

        return crop;
    }
}
