using System.Diagnostics;
using EdgeMask.Training.Data;
using EdgeMask.Training.Evaluation;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Model;
using EdgeMask.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeMask.Training.Training;

/// <summary>Trains <see cref="MaskNet"/> from scratch, or fine-tunes the head of a shipped model, with early stopping.</summary>
public sealed class Trainer(TrainingOptions options, TextWriter log)
{
    // libtorch's random generator is process-wide: two runs at once would draw from it in turn and neither would be
    // reproducible, so runs in one process take turns.
    private static readonly Lock TorchRandomGate = new();

    public TrainingResult Run(CancellationToken cancellationToken = default)
    {
        options.Validate();
        lock (TorchRandomGate)
        {
            return RunAlone(cancellationToken);
        }
    }

    private TrainingResult RunAlone(CancellationToken cancellationToken)
    {
        torch.set_num_threads(options.Threads);
        torch.random.manual_seed(options.Seed);
        var classes = ClassScheme.FromCount(options.Classes);
        var data = ImageFolder.Open(options.DataDirectory, ClassScheme.TwoClass.Labels, SplitFractions.Default, LabelCorrections.Shipped);
        log.WriteLine($"data {data.Root}: {data.Images.Count} images, sha256 {data.ListingSha256}");

        using var detector = new TrainingFaceDetector();
        var stopwatch = Stopwatch.StartNew();
        var train = FaceImage.Load(Limit(data.In(DataSplit.Train)), detector);
        var validation = FaceImage.Load(Limit(data.In(DataSplit.Validation)), detector);
        log.WriteLine(FormattableString.Invariant(
            $"loaded {train.Count} train / {validation.Count} validation images in {stopwatch.Elapsed.TotalSeconds:F1}s; the detector found a face in {Share(train, t => t.Face is not null && t.Source.LabelIndex == ClassScheme.WithMask, t => t.Source.LabelIndex == ClassScheme.WithMask):P0} of masked and {Share(train, t => t.Face is not null && t.Source.LabelIndex == ClassScheme.WithoutMask, t => t.Source.LabelIndex == ClassScheme.WithoutMask):P0} of bare train images"));
        if (!options.KeepUndetected)
        {
            train = DropUndetected(train);
            validation = DropUndetected(validation);
            log.WriteLine($"training on the {train.Count} / {validation.Count} images with a detected face (the daemon classifies nothing else)");
            if (train.Count == 0 || validation.Count == 0)
            {
                throw new InvalidDataException(
                    $"The daemon's face detector found no face in the {(train.Count == 0 ? "training" : "validation")} images of {data.Root}; " +
                    "are they face photos? --keep-undetected trains on whole images instead.");
            }
        }

        var donors = train.Where(t => t.IsMaskDonor).ToList();
        var bareDonors = options.SyntheticMasks.UnmaskProbability > 0 ? train.Where(t => t.IsBareDonor).ToList() : [];
        var factory = new SampleFactory(options.Input, options.Augmentation, classes, options.SyntheticMasks, donors, bareDonors);
        var validationSets = BuildValidation(factory, validation, classes);
        var net = options.FineTuneFrom is { } path ? LoadForFineTune(path, classes) : new MaskNet(MaskNetArchitecture.Compact(classes.Count, options.Width));
        var trainable = options.FineTuneFrom is null || options.FineTuneAllLayers ? net.parameters().ToList() : net.Head.parameters().ToList();
        var optimizer = optim.AdamW(trainable, options.LearningRate, weight_decay: options.WeightDecay);
        using var average = options.WeightAverageDecay > 0 ? new WeightAverage(net, options.WeightAverageDecay) : null;
        var scored = average?.Net ?? net;

        var history = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= options.Epochs && sinceBest < options.Patience; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.StartNew();
            SetLearningRate(optimizer, epoch);
            var (trainLoss, trainAccuracy) = TrainEpoch(net, optimizer, average, factory, train, epoch, cancellationToken);
            var scores = Validate(scored, validationSets, classes);
            var improved = scores.Loss < bestLoss - 1e-5;
            if (improved)
            {
                bestLoss = scores.Loss;
                sinceBest = 0;
                DisposeAll(best);
                best = scored.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            else
            {
                sinceBest++;
            }

            var report = new EpochReport(epoch, trainLoss, trainAccuracy, scores.Loss, scores.BalancedAccuracy, scores.OverNoseRecall, scores.BelowNoseRecall, started.Elapsed, improved);
            history.Add(report);
            log.WriteLine(report);
            log.Flush();
        }

        if (best is not null)
        {
            net.load_state_dict(best);
            DisposeAll(best);
        }

        net.eval();
        log.WriteLine(FormattableString.Invariant($"best epoch {history.Where(h => h.Improved).Last().Epoch} (validation loss {bestLoss:F4}); total {stopwatch.Elapsed.TotalMinutes:F1} min"));
        foreach (var image in train.Concat(validation))
        {
            image.Dispose();
        }

        return new TrainingResult(net, data, classes, history);
    }

    private MaskNet LoadForFineTune(string path, ClassScheme classes)
    {
        var folded = OnnxWeightsReader.Read(path);
        if (options.FineTuneMember >= folded.Members)
        {
            throw new InvalidDataException($"Model '{path}' holds {folded.Members} network(s); network {options.FineTuneMember + 1} cannot be fine-tuned (one seed per network).");
        }

        if (folded.Members > 1)
        {
            log.WriteLine(options.FineTuneMember == 0
                ? $"{path} averages {folded.Members} networks; fine-tuning starts from the first of them"
                : $"{path} averages {folded.Members} networks; fine-tuning starts from network {options.FineTuneMember + 1}");
            folded = NetworkMerge.Split(folded)[options.FineTuneMember];
        }

        if (folded.Classes != classes.Count)
        {
            throw new InvalidDataException($"Model '{path}' has {folded.Classes} classes but --classes is {classes.Count}; they must match to fine-tune.");
        }

        var net = BatchNormFolding.Unfold(folded);
        if (options.FineTuneAllLayers)
        {
            log.WriteLine($"fine-tuning every layer of {path} ({folded.Convs.Count} conv layers and the head; BatchNorm kept folded)");
            return net;
        }

        log.WriteLine($"fine-tuning the head of {path}; {folded.Convs.Count} conv layers frozen");
        foreach (var parameter in net.FeatureParameters())
        {
            parameter.requires_grad = false;
        }

        return net;
    }

    private (double Loss, double Accuracy) TrainEpoch(MaskNet net, optim.Optimizer optimizer, WeightAverage? average, SampleFactory factory, IReadOnlyList<FaceImage> train, int epoch, CancellationToken cancellationToken)
    {
        net.train();
        if (options.FineTuneFrom is not null)
        {
            // Frozen features keep their statistics, and a folded model has none to learn: BatchNorm stays in inference mode.
            foreach (var norm in net.Norms)
            {
                norm.eval();
            }
        }

        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(StableSeed.Of(options.Seed, epoch, -1)).Shuffle(order);
        var values = options.Input.Values;
        double lossSum = 0;
        var correct = 0;
        var seen = 0;
        var dataTime = new Stopwatch();
        var computeTime = new Stopwatch();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        using var classWeights = options.ClassWeights is { } weights ? tensor(weights.Select(w => (float)w).ToArray()) : null;
        for (var start = 0; start + 1 < order.Length; start += options.BatchSize)
        {
            var count = Math.Min(options.BatchSize, order.Length - start);
            var inputs = new float[count * values];
            var labels = new long[count];
            dataTime.Start();
            Parallel.For(0, count, parallel, i =>
            {
                var index = order[start + i];
                labels[i] = factory.Training(train[index], options.Seed, epoch, index, inputs.AsSpan(i * values, values));
            });

            dataTime.Stop();
            computeTime.Start();
            using var scope = NewDisposeScope();
            var x = tensor(inputs, [count, 3, options.Input.Height, options.Input.Width]);
            var y = tensor(labels);
            optimizer.zero_grad();
            var logits = net.call(x);
            var loss = nn.functional.cross_entropy(logits, y, weight: classWeights, label_smoothing: 0.05);
            loss.backward();
            optimizer.step();
            average?.Update();
            lossSum += loss.item<float>() * count;
            correct += (int)logits.argmax(1).eq(y).sum().item<long>();
            seen += count;
            computeTime.Stop();
        }

        log.WriteLine(FormattableString.Invariant($"  epoch {epoch}: sample preparation {dataTime.Elapsed.TotalSeconds:F1}s, forward/backward {computeTime.Elapsed.TotalSeconds:F1}s"));

        return (lossSum / seen, (double)correct / seen);
    }

    private static ValidationSets BuildValidation(SampleFactory factory, IReadOnlyList<FaceImage> validation, ClassScheme classes)
    {
        var spec = factory.Spec;
        var bare = validation.Where(v => v.Source.LabelIndex == ClassScheme.WithoutMask).ToList();
        return new ValidationSets(
            TensorSet.Build(validation, spec.Height, spec.Width, (image, buffer) => factory.Evaluation(image, buffer.Span)),
            TensorSet.Build(bare, spec.Height, spec.Width, (image, buffer) => factory.Evaluation(image, buffer.Span, MaskPlacement.OverNose, seed: 7)),
            TensorSet.Build(bare, spec.Height, spec.Width, (image, buffer) => factory.Evaluation(image, buffer.Span, MaskPlacement.BelowNose, seed: 11)),
            classes);
    }

    private static ValidationScores Validate(MaskNet net, ValidationSets sets, ClassScheme classes)
    {
        var real = TorchInference.Probabilities(net, sets.Real);
        var over = TorchInference.Probabilities(net, sets.OverNose);
        var below = TorchInference.Probabilities(net, sets.BelowNose);
        var all = TensorSet.Concat(sets.Real, sets.OverNose, sets.BelowNose);
        var loss = TorchInference.CrossEntropy([.. real, .. over, .. below], all.Labels, classes.Count);
        var binary = BinaryMetrics.FromProbabilities(real, sets.Real.Labels, classes.Count);
        return new ValidationScores(loss, binary.BalancedAccuracy, Recall(over, sets.OverNose.Labels, classes.Count), Recall(below, sets.BelowNose.Labels, classes.Count));
    }

    private static double Recall(float[] probabilities, int[] labels, int classes)
    {
        if (labels.Length == 0)
        {
            return double.NaN;
        }

        var hits = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            hits += row.IndexOf(MaxOf(row)) == labels[i] ? 1 : 0;
        }

        return (double)hits / labels.Length;
    }

    private static float MaxOf(ReadOnlySpan<float> row)
    {
        var max = row[0];
        foreach (var value in row)
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    private void SetLearningRate(optim.Optimizer optimizer, int epoch)
    {
        var progress = (epoch - 1) / (double)Math.Max(1, options.Epochs - 1);
        var rate = options.LearningRate * (0.02 + 0.98 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    private IEnumerable<LabeledImage> Limit(IEnumerable<LabeledImage> images) =>
        options.MaxImagesPerClass <= 0 ? images : images.GroupBy(i => i.LabelIndex).SelectMany(g => g.Take(options.MaxImagesPerClass));

    private static double Share<T>(IReadOnlyList<T> items, Func<T, bool> predicate, Func<T, bool> among)
    {
        var total = items.Count(among);
        return total == 0 ? 0 : (double)items.Count(predicate) / total;
    }

    private static List<FaceImage> DropUndetected(IReadOnlyList<FaceImage> images)
    {
        foreach (var image in images.Where(i => i.Face is null))
        {
            image.Dispose();
        }

        return images.Where(i => i.Face is not null).ToList();
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        foreach (var tensor in tensors?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }
    }

    private sealed record ValidationSets(TensorSet Real, TensorSet OverNose, TensorSet BelowNose, ClassScheme Classes);

    private sealed record ValidationScores(double Loss, double BalancedAccuracy, double OverNoseRecall, double BelowNoseRecall);
}

/// <summary>The trained network (best validation epoch), the data it saw and the epoch history.</summary>
public sealed record TrainingResult(MaskNet Net, ImageFolder Data, ClassScheme Classes, IReadOnlyList<EpochReport> History);
