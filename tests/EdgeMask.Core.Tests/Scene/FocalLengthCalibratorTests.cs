using EdgeMask.Core.Scene;

namespace EdgeMask.Core.Tests.Scene;

public class FocalLengthCalibratorTests
{
    [Theory]
    [InlineData(1100, 2.0, 0.15, 1)]
    [InlineData(530, 1.5, 0.15, 2)]
    [InlineData(1800, 3.0, 0.16, 3)]
    public void Calibrate_NoisyRenderedWidths_RecoversTheFocalLengthWithinThreePercent(double focal, double distance, double faceWidth, int seed)
    {
        var widths = RenderWidths(focal, distance, faceWidth, frames: 75, new Random(seed));

        var result = FocalLengthCalibrator.Calibrate(widths, distance, faceWidth);

        Assert.InRange(result.FocalLengthPixels, focal * 0.97, focal * 1.03);
        Assert.Equal(75, result.SampleCount);
        Assert.True(result.SpreadPixels > 0, "noisy widths must show a spread");
        Assert.InRange(result.SpreadPixels, 0, focal * 0.15);
        Assert.Equal(result.FocalLengthPixels, result.MedianFaceWidthPixels * distance / faceWidth, 9);
    }

    [Fact]
    public void Calibrate_ExactWidths_GivesTheFocalLengthWithNoSpread()
    {
        var result = FocalLengthCalibrator.Calibrate([80, 80, 80, 80, 80], 2.0, 0.16);

        Assert.Equal(1000, result.FocalLengthPixels, 9);
        Assert.Equal(0, result.SpreadPixels, 9);
    }

    [Fact]
    public void Calibrate_SpreadIsTheInterquartileRangeOfPerFrameFocalLengths()
    {
        // Widths 70..90 in steps of 5: quartiles 75 and 85, so IQR 10 px of width = 10 * 2 / 0.2 = 100 px of focal length.
        var result = FocalLengthCalibrator.Calibrate([90, 70, 85, 75, 80], 2.0, 0.2);

        Assert.Equal(800, result.FocalLengthPixels, 9);
        Assert.Equal(100, result.SpreadPixels, 9);
    }

    [Fact]
    public void Calibrate_TooFewSamples_ThrowsSayingHowManyAreNeeded()
    {
        var ex = Assert.Throws<ArgumentException>(() => FocalLengthCalibrator.Calibrate([80, 81, 79], 2.0, 0.15));

        Assert.Contains($"at least {FocalLengthCalibrator.MinimumSamples}", ex.Message);
        Assert.Contains("got 3", ex.Message);
        Assert.Equal("faceWidthsPixels", ex.ParamName);
    }

    [Fact]
    public void Calibrate_NonPositiveWidth_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => FocalLengthCalibrator.Calibrate([80, 81, 0, 79, 80], 2.0, 0.15));

        Assert.Contains("#2", ex.Message);
    }

    [Theory]
    [InlineData(0, 0.15, "distanceMeters")]
    [InlineData(25, 0.15, "distanceMeters")]
    [InlineData(2, 0, "faceWidthMeters")]
    [InlineData(2, double.NaN, "faceWidthMeters")]
    public void Calibrate_OutOfRangeDistanceOrFaceWidth_Throws(double distance, double faceWidth, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FocalLengthCalibrator.Calibrate([80, 80, 80, 80, 80], distance, faceWidth));

        Assert.Equal(parameter, ex.ParamName);
    }

    /// <summary>
    /// Face widths as a detector reports them: the true width w = f * W / D with a jittery edge (Gaussian, 4% of
    /// the width), whole pixels, and one frame in ten a wrong box (a hair line or chin included, 25-40% too wide).
    /// </summary>
    private static List<double> RenderWidths(double focal, double distance, double faceWidth, int frames, Random random)
    {
        var truth = focal * faceWidth / distance;
        var widths = new List<double>(frames);
        for (var i = 0; i < frames; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var width = truth * (1 + (0.04 * gaussian));
            if (i % 10 == 7)
            {
                width *= 1.25 + (0.15 * random.NextDouble());
            }

            widths.Add(Math.Round(width));
        }

        return widths;
    }
}
