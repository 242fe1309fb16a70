using EdgeMask.Training.Imaging;
using OpenCvSharp;

namespace EdgeMask.Training.Training;

/// <summary>
/// Turns in-memory images into labelled input tensors: synthetic masks on some bare faces (painted, or real masks
/// moved from <paramref name="maskDonors"/>), runtime-style crops, augmentation. Each sample draws from its own Random
/// seeded by (seed, epoch, index), so a seed reproduces the exact same batches however the work is spread over threads.
/// </summary>
/// <param name="maskDonors">Masked training faces with landmarks whose masks may be transplanted; empty = paint only.</param>
/// <param name="bareDonors">Bare training faces with landmarks whose lower faces may cover masks (<see cref="SyntheticMaskOptions.UnmaskProbability"/>).</param>
public sealed class SampleFactory(InputSpec spec, AugmentationOptions augmentation, ClassScheme classes, SyntheticMaskOptions masks, IReadOnlyList<FaceImage>? maskDonors = null, IReadOnlyList<FaceImage>? bareDonors = null)
{
    private readonly IReadOnlyList<FaceImage> _donors = maskDonors ?? [];
    private readonly IReadOnlyList<FaceImage> _bareDonors = bareDonors ?? [];

    private readonly Augmenter _augmenter = new(augmentation, spec);
    private readonly CropPreprocessor _preprocessor = new(spec);

    public InputSpec Spec => spec;

    /// <summary>Writes sample <paramref name="index"/> of <paramref name="images"/> for an epoch into the batch buffer and returns its class.</summary>
    public int Training(FaceImage image, int seed, int epoch, int index, Span<float> destination)
    {
        var (sample, label) = TrainingImage(image, new Random(StableSeed.Of(seed, epoch, index)));
        using (sample)
        {
            _preprocessor.Normalize(sample, destination);
        }

        return label;
    }

    /// <summary>The augmented crop a training sample is made from, and its class after synthetic painting.</summary>
    public (Mat Sample, int Label) TrainingImage(FaceImage image, Random random)
    {
        using var canvas = image.Bgr.Clone();
        var label = PaintSynthetic(canvas, image, random);
        return (_augmenter.Augment(canvas, image.Face, random), label);
    }

    private int PaintSynthetic(Mat canvas, FaceImage image, Random random)
    {
        var label = classes.Of(image.Source);
        if (label == ClassScheme.WithoutMask)
        {
            // One draw picks at most one of: mask over the nose, mask below it, hand; the rest stay bare.
            var draw = random.NextDouble();
            var belowNoseEnd = masks.OverNoseProbability + masks.BelowNoseProbability;
            if (draw < masks.OverNoseProbability)
            {
                AddMask(canvas, image, MaskPlacement.OverNose, random);
                label = ClassScheme.WithMask;
            }
            else if (draw < belowNoseEnd)
            {
                AddMask(canvas, image, random.NextDouble() < masks.ChinShare ? MaskPlacement.OnChin : MaskPlacement.BelowNose, random);
                label = classes.BelowNose;
            }
            else if (draw < belowNoseEnd + masks.HandOverMouthProbability)
            {
                SyntheticOccluderPainter.Hand(canvas, image.PaintBox, random);
            }
        }

        else if (label == ClassScheme.WithMask && masks.UnmaskProbability > 0 && _bareDonors.Count > 0 && image.Detection?.Landmarks is not null
            && random.NextDouble() < masks.UnmaskProbability)
        {
            // The transplant moves a lower face whatever it holds: from a bare donor it covers this face's mask.
            var donor = _bareDonors[random.Next(_bareDonors.Count)];
            MaskTransplanter.Transplant(canvas, image.Frame, donor.Bgr, donor.Frame, MaskPlacement.OverNose, random);
            label = ClassScheme.WithoutMask;
        }

        if (random.NextDouble() < masks.SunglassesProbability)
        {
            SyntheticOccluderPainter.Sunglasses(canvas, image.PaintBox, random);
        }

        return label;
    }

    private void AddMask(Mat canvas, FaceImage image, MaskPlacement placement, Random random)
    {
        if (_donors.Count > 0 && masks.TransplantShare > 0 && random.NextDouble() < masks.TransplantShare)
        {
            var donor = _donors[random.Next(_donors.Count)];
            MaskTransplanter.Transplant(canvas, image.Frame, donor.Bgr, donor.Frame, placement, random);
        }
        else if (placement == MaskPlacement.OverNose && masks.RespiratorShare > 0 && random.NextDouble() < masks.RespiratorShare)
        {
            // Drawn only when respirators are on, so that recipes without them keep their exact samples.
            SyntheticRespiratorPainter.Paint(canvas, image.Frame, random);
        }
        else
        {
            SyntheticMaskPainter.Paint(canvas, image.Frame, placement, random);
        }
    }

    /// <summary>The runtime crop without augmentation, optionally with a mask painted deterministically.</summary>
    public int Evaluation(FaceImage image, Span<float> destination, MaskPlacement? paint = null, int seed = 0)
    {
        using var canvas = image.Bgr.Clone();
        var label = classes.Of(image.Source);
        if (paint is { } placement)
        {
            SyntheticMaskPainter.Paint(canvas, image.Frame, placement, new Random(StableSeed.Of(seed, StableSeed.Of(Path.GetFileName(image.Source.Path)))));
            label = placement == MaskPlacement.OverNose ? ClassScheme.WithMask : classes.BelowNose;
        }

        using var crop = _preprocessor.Crop(canvas, image.Face);
        _preprocessor.Normalize(crop, destination);
        return label;
    }
}
