using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;
using OpenCvSharp;

namespace EdgeMask.Training.Cli;

/// <summary>`preview`: a contact sheet of augmented training samples, to see what the network is shown.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { DefaultValueFactory = _ => Path.Combine(DefaultPaths.Root, "artifacts", "preview.png") };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var plain = new Option<bool>("--no-camera-effects") { Description = "Geometry and synthetic masks only, to look at how masks are placed." };
        var unmask = new Option<double>("--synthetic-unmask") { Description = "As train's option: share of masked faces given a bare face's lower face.", DefaultValueFactory = _ => new SyntheticMaskOptions().UnmaskProbability };
        var respirator = new Option<double>("--synthetic-respirator") { Description = "As train's option: share of painted masks over the nose drawn as respirators.", DefaultValueFactory = _ => new SyntheticMaskOptions().RespiratorShare };
        var command = new Command("preview", "Write a contact sheet of augmented training samples (border: green with_mask, red without_mask, orange worn below the nose; painted masks, hands and sunglasses included).") { data, output, count, seed, plain, unmask, respirator };
        command.SetAction((result, _) =>
        {
            var spec = InputSpec.Default;
            var folder = ImageFolder.Open(result.GetValue(data)!, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
            var chosen = folder.In(DataSplit.Train).OrderBy(i => StableSeed.Of(result.GetValue(seed), StableSeed.Of(Path.GetFileName(i.Path)))).Take(result.GetValue(count) * 2).ToList();
            using var detector = new TrainingFaceDetector();
            var loaded = FaceImage.Load(chosen, detector);
            var faces = loaded.Where(f => f.Face is not null).Take(result.GetValue(count)).ToList();
            var donors = loaded.Where(f => f.IsMaskDonor).ToList();
            var bareDonors = loaded.Where(f => f.IsBareDonor).ToList();
            Console.Out.WriteLine($"{bareDonors.Count} bare donors whose lower face lies inside their image");
            var masks = new SyntheticMaskOptions() with { UnmaskProbability = result.GetValue(unmask), RespiratorShare = result.GetValue(respirator) };
            var factory = new SampleFactory(spec, result.GetValue(plain) ? new AugmentationOptions().WithoutCameraEffects() : new AugmentationOptions(), ClassScheme.ThreeClass, masks, donors, bareDonors);
            const int columns = 8;
            var cell = spec.Width + 4;
            using var sheet = new Mat((faces.Count + columns - 1) / columns * cell, columns * cell, MatType.CV_8UC3, Scalar.All(255));
            for (var i = 0; i < faces.Count; i++)
            {
                var (sample, label) = factory.TrainingImage(faces[i], new Random(StableSeed.Of(result.GetValue(seed), i)));
                using var disposeSample = sample;
                var colour = label switch { ClassScheme.WithMask => Scalar.Green, ClassScheme.WithoutMask => Scalar.Red, _ => Scalar.Orange };
                var origin = new Point(i % columns * cell, i / columns * cell);
                Cv2.Rectangle(sheet, new Rect(origin.X, origin.Y, cell, cell), colour, -1);
                sample.CopyTo(sheet[new Rect(origin.X + 2, origin.Y + 2, spec.Width, spec.Height)]);
            }

            using var large = new Mat();
            Cv2.Resize(sheet, large, new Size(), 2, 2, InterpolationFlags.Nearest);
            Cv2.ImWrite(result.GetValue(output)!, large);
            Console.Out.WriteLine($"wrote {result.GetValue(output)}");
            return Task.FromResult(0);
        });
        return command;
    }
}
