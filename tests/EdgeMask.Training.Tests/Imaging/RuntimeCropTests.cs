using EdgeMask.Classification;
using EdgeMask.Core.Geometry;
using EdgeMask.TestSupport;
using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Tests.Imaging;

/// <summary>Training crops must be the daemon's crops: its detector, its margin, its tensor layout.</summary>
public class RuntimeCropTests
{
    [Fact]
    public void InputSpecDefault_UsesTheDaemonsDefaultMargin()
    {
        Assert.Equal(ClassificationOptions.DefaultCropMarginFraction, InputSpec.Default.CropMargin);
    }

    [Fact]
    public void Normalize_GreyscaleSpec_WritesTheCropsLuminanceInEveryPlane()
    {
        using var crop = new Mat(64, 64, MatType.CV_8UC3, new Scalar(30, 140, 220));
        var spec = InputSpec.Default with { Greyscale = true };
        var values = new float[spec.Values];

        new CropPreprocessor(spec).Normalize(crop, values);

        using var grey = new Mat();
        Cv2.CvtColor(crop, grey, ColorConversionCodes.BGR2GRAY);
        var level = grey.At<byte>(0, 0) / 255f;
        var plane = 64 * 64;
        for (var channel = 0; channel < 3; channel++)
        {
            Assert.Equal((level - spec.Mean[channel]) / spec.Std[channel], values[channel * plane], 5);
        }

        Assert.Equal(30, crop.At<Vec3b>(0, 0).Item0);
    }

    [Fact]
    public void Normalize_StandardisedSpec_WritesWhatTheDaemonsPreparationGives()
    {
        using var crop = new Mat(64, 64, MatType.CV_8UC3);
        Cv2.Randu(crop, Scalar.All(20), Scalar.All(70));
        using var original = crop.Clone();
        var spec = InputSpec.Default with { Greyscale = true, StandardisedContrast = true };
        var values = new float[spec.Values];

        new CropPreprocessor(spec).Normalize(crop, values);

        using var prepared = new Mat();
        using var luminance = new Mat();
        var expected = new float[spec.Values];
        new CropTensorWriter(ChannelOrder.Rgb, spec.Mean, spec.Std)
            .Write(CropPreparation.Prepare(crop, InputColour.Grey, InputContrast.Standardised, prepared, luminance), expected);
        Assert.Equal(expected, values);
        Assert.NotEqual(expected, NormalizedAsCaptured(crop, spec));
        Assert.Equal(0, Cv2.Norm(crop, original, NormTypes.L1));
    }

    private static float[] NormalizedAsCaptured(Mat crop, InputSpec spec)
    {
        var values = new float[spec.Values];
        new CropPreprocessor(spec with { StandardisedContrast = false }).Normalize(crop, values);
        return values;
    }

    [Fact]
    public void Crop_WithFaceBox_TakesTheFaceGrownByTheMarginOnEachSide()
    {
        using var image = PositionCodedImage(100, 100);
        var preprocessor = new CropPreprocessor(InputSpec.Default with { CropMargin = 0.15 });

        using var crop = preprocessor.Crop(image, new Rect(30, 30, 40, 40));

        // 40 px * 0.15 = 6 px per side: the region is (24, 24) to (76, 76).
        using var expected = new Mat();
        Cv2.Resize(image[new Rect(24, 24, 52, 52)], expected, new Size(64, 64), interpolation: InterpolationFlags.Linear);
        Assert.Equal(0, Cv2.Norm(crop, expected, NormTypes.L1));
    }

    [Fact]
    public void Crop_FaceAtTheEdge_ClipsTheGrownRegionToTheImage()
    {
        using var image = PositionCodedImage(100, 80);
        var preprocessor = new CropPreprocessor(InputSpec.Default with { CropMargin = 0.25 });

        using var crop = preprocessor.Crop(image, new Rect(0, 40, 40, 40));

        using var expected = new Mat();
        Cv2.Resize(image[new Rect(0, 30, 50, 50)], expected, new Size(64, 64), interpolation: InterpolationFlags.Linear);
        Assert.Equal(0, Cv2.Norm(crop, expected, NormTypes.L1));
    }

    [Fact]
    public void Normalize_SolidBgrPixel_WritesRgbPlanesWithMeanAndStd()
    {
        using var image = new Mat(64, 64, MatType.CV_8UC3, new Scalar(10, 20, 30));
        var spec = InputSpec.Default;
        var values = new float[spec.Values];

        new CropPreprocessor(spec).Normalize(image, values);

        var plane = 64 * 64;
        Assert.Equal((30 / 255f - spec.Mean[0]) / spec.Std[0], values[0], 5);
        Assert.Equal((20 / 255f - spec.Mean[1]) / spec.Std[1], values[plane + 100], 5);
        Assert.Equal((10 / 255f - spec.Mean[2]) / spec.Std[2], values[(2 * plane) + 4095], 5);
    }

    [Fact]
    public void Normalize_WrongSize_ThrowsNamingBothSizes()
    {
        using var image = new Mat(32, 48, MatType.CV_8UC3, Scalar.All(0));

        var error = Assert.Throws<ArgumentException>(() => new CropPreprocessor(InputSpec.Default).Normalize(image, new float[InputSpec.Default.Values]));

        Assert.Contains("64x64", error.Message);
        Assert.Contains("48x32", error.Message);
    }

    [SkippableFact]
    public void DetectLargest_OnBareFaceCrops_FindsFacesInsideTheImage()
    {
        var data = RepoPaths.RequireMaskCrops();
        var files = Directory.GetFiles(Path.Combine(data, "without_mask")).Order(StringComparer.Ordinal).Take(40).ToList();
        using var detector = new TrainingFaceDetector();

        var found = 0;
        foreach (var file in files)
        {
            using var image = Cv2.ImRead(file, ImreadModes.Color);
            if (detector.DetectLargest(image) is not { } detection)
            {
                continue;
            }

            found++;
            var face = detection.Box;
            Assert.True(face.Width >= Math.Min(image.Width, image.Height) / 3, $"{file}: face {face} is under a third of the image");
            Assert.Equal(face, face.Intersect(new PixelBox(0, 0, image.Width, image.Height)));
            Assert.NotNull(detection.Landmarks);
        }

        // The data set's bare faces are mostly frontal portraits; YuNet finds practically all of them (1,877 of 1,877).
        Assert.True(found >= files.Count * 9 / 10, $"the daemon's detector found faces in only {found} of {files.Count} bare-face crops");
    }

    [SkippableFact]
    public void DetectLargest_InAnyOrder_GivesEachImageTheSameFace()
    {
        // The images are unrelated stills: what was found in the previous one must not change the next one's face.
        var data = RepoPaths.RequireMaskCrops();
        var files = Directory.GetFiles(Path.Combine(data, "without_mask")).Order(StringComparer.Ordinal).Take(24).ToList();
        using var detector = new TrainingFaceDetector();

        var forward = files.ToDictionary(file => file, file => Detect(detector, file));
        var backward = files.AsEnumerable().Reverse().ToDictionary(file => file, file => Detect(detector, file));

        Assert.Contains(forward.Values, face => face is not null);
        Assert.All(files, file => Assert.Equal(forward[file], backward[file]));
    }

    private static EdgeMask.Core.Faces.FaceDetection? Detect(TrainingFaceDetector detector, string file)
    {
        using var image = Cv2.ImRead(file, ImreadModes.Color);
        return detector.DetectLargest(image);
    }

    // Each pixel's colour encodes its position, so a crop of the wrong region cannot match.
    private static Mat PositionCodedImage(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image.Set(y, x, new Vec3b((byte)(x * 2), (byte)(y * 2), (byte)((x + y) % 256)));
            }
        }

        return image;
    }
}
