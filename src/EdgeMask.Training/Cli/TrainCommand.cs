using System.CommandLine;
using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Training;

namespace EdgeMask.Training.Cli;

/// <summary>`train`: train (or fine-tune), save a checkpoint, export fp32 + int8 ONNX with metadata.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "ImageFolder with with_mask/ and without_mask/.", DefaultValueFactory = _ => DefaultPaths.MaskCrops };
        var output = new Option<string>("--output") { Description = "Folder for the ONNX models.", DefaultValueFactory = _ => DefaultPaths.Models };
        var checkpoint = new Option<string>("--checkpoint") { Description = "Folder for the TorchSharp checkpoint.", DefaultValueFactory = _ => DefaultPaths.Checkpoint };
        var seed = new Option<int[]>("--seed")
        {
            Description = "Seed of each network; several train one network each, one after another, and the exported model averages them (the shipped model: 43 44).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [43, 44],
        };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (early stopping may end sooner).", DefaultValueFactory = _ => 160 };
        var patience = new Option<int>("--patience") { Description = "Epochs without a lower validation loss before stopping.", DefaultValueFactory = _ => 40 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64 };
        var learningRate = new Option<double>("--learning-rate") { DefaultValueFactory = _ => 0.004 };
        var classes = new Option<int>("--classes") { Description = "2 or 3 (adds mask_weared_incorrect).", DefaultValueFactory = _ => 3 };
        var width = new Option<int>("--width") { Description = "Stem channels; later layers are 2-8x.", DefaultValueFactory = _ => 32 };
        var inputSize = new Option<int>("--input-size") { Description = "Square input side in pixels.", DefaultValueFactory = _ => 64 };
        var margin = new Option<double>("--crop-margin") { Description = "Face box margin per side, as the daemon crops.", DefaultValueFactory = _ => EdgeMask.Classification.ClassificationOptions.DefaultCropMarginFraction };
        var maxPerClass = new Option<int>("--max-images-per-class") { Description = "Limit per class and split (0 = all).", DefaultValueFactory = _ => 0 };
        var fineTune = new Option<string?>("--fine-tune-from") { Description = "fp32 ONNX model to start from; trains only its head (see --fine-tune-all)." };
        var fineTuneAll = new Option<bool>("--fine-tune-all") { Description = "With --fine-tune-from: train every layer, not only the head; several seeds start from the model's networks in order (the shipped grey model: 43 44 from the shipped colour pair)." };
        var greyscale = new Option<bool>("--greyscale") { Description = "Train on grey crops only (every crop turned grey after augmentation): a model for infrared night mode, marked edgemask.input_colour=grey." };
        var standardise = new Option<bool>("--standardise-contrast") { Description = "Standardise every crop's contrast (one gain and offset per crop to a fixed luminance mean and spread, capped gain), in training and in the daemon: marked edgemask.input_contrast=standardised." };
        var name = new Option<string>("--name") { Description = "Base name of the model files ({name}.fp32.onnx, {name}.int8.onnx).", DefaultValueFactory = _ => ExportPipeline.DefaultModelName };
        var threads = new Option<int>("--threads") { Description = "TorchSharp and sample preparation threads; the shipped model used 1.", DefaultValueFactory = _ => 1 };
        var overNose = new Option<double>("--synthetic-mask") { Description = "Share of bare faces given a painted mask.", DefaultValueFactory = _ => 0.3 };
        var belowNose = new Option<double>("--synthetic-below-nose") { Description = "Share of bare faces given a mask below the nose.", DefaultValueFactory = _ => 0.2 };
        var weightAverage = new Option<double>("--weight-average") { Description = "Decay of the moving average of the weights that is validated and exported (0 = off; 0.998 = about the last 500 steps).", DefaultValueFactory = _ => 0.998 };
        var hand = new Option<double>("--synthetic-hand") { Description = "Share of bare faces given a hand over mouth and nose (stay without mask).", DefaultValueFactory = _ => 0 };
        var sunglasses = new Option<double>("--synthetic-sunglasses") { Description = "Share of all faces given sunglasses.", DefaultValueFactory = _ => 0 };
        var rotation = new Option<double>("--rotation") { Description = "Max rotation, degrees (0-40).", DefaultValueFactory = _ => 20 };
        var shift = new Option<double>("--shift") { Description = "Max shift fraction (0-0.3).", DefaultValueFactory = _ => 0.1 };
        var zoom = new Option<double>("--zoom") { Description = "Max zoom fraction (0-0.6).", DefaultValueFactory = _ => EdgeMask.Classification.ClassificationOptions.DefaultCropMarginFraction };
        var shear = new Option<double>("--shear") { Description = "Max shear, degrees (0-25).", DefaultValueFactory = _ => 8 };
        var wholeImage = new Option<double>("--whole-image") { Description = "Share of detected faces framed as the whole image, as if none were found, so that framing is no class cue (0-1).", DefaultValueFactory = _ => new AugmentationOptions().WholeImageProbability };
        var infrared = new Option<double>("--infrared") { Description = "Share of crops turned into infrared night mode (grey, flat, soft) (0-1).", DefaultValueFactory = _ => new AugmentationOptions().InfraredProbability };
        var jpeg = new Option<double>("--jpeg") { Description = "Share of crops re-encoded as JPEG (0-1).", DefaultValueFactory = _ => new AugmentationOptions().JpegProbability };
        var jpegMinQuality = new Option<int>("--jpeg-min-quality") { Description = "Lowest JPEG quality drawn (5-90).", DefaultValueFactory = _ => new AugmentationOptions().JpegMinQuality };
        var noPhotometric = new Option<bool>("--no-camera-effects") { Description = "Switch off brightness, contrast, colour, blur, noise, JPEG, low-resolution, darkness, infrared, back-light and motion-blur augmentation." };
        var transplant = new Option<double>("--transplant-share") { Description = "Share of the synthetic masks that are real masks moved from masked training faces (0-1).", DefaultValueFactory = _ => new SyntheticMaskOptions().TransplantShare };
        var respirator = new Option<double>("--synthetic-respirator") { Description = "Share of painted masks over the nose drawn as respirators (cup, valve, straps) instead of flat masks (0-1).", DefaultValueFactory = _ => new SyntheticMaskOptions().RespiratorShare };
        var unmask = new Option<double>("--synthetic-unmask") { Description = "Share of masked faces whose mask is covered by a bare training face's real lower face, labelled without_mask (0-0.9).", DefaultValueFactory = _ => new SyntheticMaskOptions().UnmaskProbability };
        var chin = new Option<double>("--chin-share") { Description = "Share of the masks worn incorrectly that sit on the chin rather than just below the nose (0-1).", DefaultValueFactory = _ => new SyntheticMaskOptions().ChinShare };
        var classWeights = new Option<double[]?>("--class-weights") { Description = "Loss weight of each class: with_mask without_mask [mask_weared_incorrect] (default all 1).", AllowMultipleArgumentsPerToken = true };
        var keepUndetected = new Option<bool>("--keep-undetected") { Description = "Also train on images where the daemon's detector finds no face, framed as the whole image (the daemon never classifies such faces)." };

        var command = new Command("train", "Train the mask classifier (or fine-tune a shipped one) and export fp32 and int8 ONNX models.")
        {
            data, output, checkpoint, seed, epochs, patience, batch, learningRate, classes, width, inputSize, margin, maxPerClass, fineTune, fineTuneAll, greyscale, standardise, name, threads,
            overNose, belowNose, hand, sunglasses, weightAverage, rotation, shift, zoom, shear, wholeImage, infrared, jpeg, jpegMinQuality, noPhotometric, transplant, chin, unmask, respirator, keepUndetected, classWeights,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var defaults = new AugmentationOptions();
            var augmentation = defaults with
            {
                RotationDegrees = result.GetValue(rotation),
                ShiftFraction = result.GetValue(shift),
                ZoomFraction = result.GetValue(zoom),
                ShearDegrees = result.GetValue(shear),
                WholeImageProbability = result.GetValue(wholeImage),
                InfraredProbability = result.GetValue(infrared),
                JpegProbability = result.GetValue(jpeg),
                JpegMinQuality = result.GetValue(jpegMinQuality),
            };
            if (result.GetValue(noPhotometric))
            {
                augmentation = augmentation.WithoutCameraEffects();
            }

            var size = result.GetValue(inputSize);
            var options = new TrainingOptions
            {
                DataDirectory = result.GetValue(data)!,
                Epochs = result.GetValue(epochs),
                Patience = result.GetValue(patience),
                BatchSize = result.GetValue(batch),
                LearningRate = result.GetValue(learningRate),
                WeightAverageDecay = result.GetValue(weightAverage),
                Classes = result.GetValue(classes),
                Width = result.GetValue(width),
                Input = InputSpec.Default with { Width = size, Height = size, CropMargin = result.GetValue(margin), Greyscale = result.GetValue(greyscale), StandardisedContrast = result.GetValue(standardise) },
                MaxImagesPerClass = result.GetValue(maxPerClass),
                FineTuneFrom = result.GetValue(fineTune),
                FineTuneAllLayers = result.GetValue(fineTuneAll),
                Threads = result.GetValue(threads),
                Augmentation = augmentation,
                SyntheticMasks = new SyntheticMaskOptions(result.GetValue(overNose), result.GetValue(belowNose), result.GetValue(hand), result.GetValue(sunglasses), result.GetValue(transplant), result.GetValue(chin), result.GetValue(unmask), result.GetValue(respirator)),
                KeepUndetected = result.GetValue(keepUndetected),
                ClassWeights = result.GetValue(classWeights) is { Length: > 0 } weights ? weights : null,
            };

            var log = Console.Out;
            var trained = new EnsembleTrainer(options, log).Run(result.GetValue(seed)!, result.GetValue(checkpoint)!, cancellationToken);
            try
            {
                new ExportPipeline(log).Run(trained.Nets, trained.Data, trained.Classes, options.Input, result.GetValue(output)!, result.GetValue(name)!);
            }
            finally
            {
                foreach (var net in trained.Nets)
                {
                    net.Dispose();
                }
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
