using EdgeMask.Training.Data;
using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using Google.Protobuf;
using static TorchSharp.torch;

namespace EdgeMask.Training.Training;

/// <summary>
/// A pretrained face network's frozen features with a logistic-regression head fitted on the training split's
/// detected faces (with_mask / without_mask), its L2 strength chosen on the validation split: the way to
/// measure what a network trained on many faces knows about masks. The result is an fp32 ONNX model that follows
/// docs/model-format.md, so the daemon and `edgemask evaluate` score it like the shipped classifier.
/// </summary>
internal sealed class FeatureHead(TextWriter log)
{
    private const int Chunk = 64;
    private static readonly double[] Strengths = [1e-4, 1e-3, 1e-2, 1e-1];

    /// <param name="features">The feature extractor: input "input" [N, 3, H, W], one output [N, features].</param>
    public global::Onnx.ModelProto Fit(OnnxGraph features, string featureOutput, int featureWidth, ImageFolder data, InputSpec input, int threads)
    {
        // A copy: the graph itself gets the head below, and must not keep the features as a second output.
        var extractor = features.ToModel("feature extractor").Clone();
        extractor.Graph.Output.Add(OnnxGraph.Value(featureOutput, (int)global::Onnx.TensorProto.Types.DataType.Float, ["batch", featureWidth]));
        using var session = new OnnxSession(extractor.ToByteArray(), threads);
        using var detector = new TrainingFaceDetector();
        var (trainX, trainY) = Extract(session, data.In(DataSplit.Train), detector, input, featureWidth);
        var (validX, validY) = Extract(session, data.In(DataSplit.Validation), detector, input, featureWidth);
        log.WriteLine($"features of {trainY.Length} training and {validY.Length} validation faces ({featureWidth} each)");

        var (mean, scale) = Standardisation(trainX, featureWidth);
        (float[] Weight, float[] Bias, double Balanced, double Strength)? best = null;
        foreach (var strength in Strengths)
        {
            var (weight, bias) = Logistic(Standardise(trainX, mean, scale), trainY, featureWidth, strength);
            var balanced = BalancedAccuracy(Standardise(validX, mean, scale), validY, weight, bias, featureWidth);
            log.WriteLine(FormattableString.Invariant($"L2 {strength:0.####}: validation balanced accuracy {balanced:P2}"));
            if (best is null || balanced > best.Value.Balanced)
            {
                best = (weight, bias, balanced, strength);
            }
        }

        // Standardisation folded into the head: w' = w / scale, b' = b - sum(w * mean / scale).
        var (w, b, _, chosen) = best!.Value;
        var folded = new float[w.Length];
        var foldedBias = (float[])b.Clone();
        for (var c = 0; c < 2; c++)
        {
            for (var f = 0; f < featureWidth; f++)
            {
                folded[(c * featureWidth) + f] = w[(c * featureWidth) + f] / scale[f];
                foldedBias[c] -= w[(c * featureWidth) + f] * mean[f] / scale[f];
            }
        }

        log.WriteLine(FormattableString.Invariant($"chosen L2 {chosen:0.####}"));
        var weightName = features.Floats("head.weight", folded, 2, featureWidth);
        var biasName = features.Floats("head.bias", foldedBias, 2);
        var logits = features.Node("Gemm", "logits", [featureOutput, weightName, biasName], OnnxGraph.Int("transB", 1));
        features.Node("Softmax", Fp32Exporter.OutputName, [logits], OnnxGraph.Int("axis", 1));
        features.Output(Fp32Exporter.OutputName, "batch", 2);
        return features.ToModel("Pretrained face features with a logistic-regression mask head (edgemask-train feature-head).");
    }

    private (float[] X, int[] Y) Extract(OnnxSession session, IEnumerable<LabeledImage> images, TrainingFaceDetector detector, InputSpec input, int width)
    {
        var preprocessor = new CropPreprocessor(input);
        var features = new List<float>();
        var labels = new List<int>();
        foreach (var chunk in images.Where(i => i.LabelIndex is ClassScheme.WithMask or ClassScheme.WithoutMask).Chunk(Chunk))
        {
            var faces = FaceImage.Load(chunk, detector).Where(f => f.Face is not null).ToList();
            var set = TensorSet.Build(faces, input.Height, input.Width, (image, buffer) =>
            {
                using var crop = preprocessor.Crop(image.Bgr, image.Face);
                preprocessor.Normalize(crop, buffer.Span);
                return image.Source.LabelIndex;
            });
            if (set.Count > 0)
            {
                features.AddRange(session.Run(set, 16));
                labels.AddRange(set.Labels);
            }

            foreach (var face in faces)
            {
                face.Dispose();
            }
        }

        if (features.Count != labels.Count * width)
        {
            throw new InvalidDataException($"The feature extractor gave {features.Count} values for {labels.Count} faces; expected {width} each.");
        }

        return (features.ToArray(), labels.ToArray());
    }

    private static (float[] Mean, float[] Scale) Standardisation(float[] x, int width)
    {
        var count = x.Length / width;
        var mean = new float[width];
        var scale = new float[width];
        for (var f = 0; f < width; f++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < count; i++)
            {
                var v = x[(i * width) + f];
                sum += v;
                squares += v * v;
            }

            mean[f] = (float)(sum / count);
            scale[f] = (float)Math.Max(1e-3, Math.Sqrt(Math.Max(0, (squares / count) - (mean[f] * mean[f]))));
        }

        return (mean, scale);
    }

    private static float[] Standardise(float[] x, float[] mean, float[] scale)
    {
        var result = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = (x[i] - mean[i % mean.Length]) / scale[i % mean.Length];
        }

        return result;
    }

    /// <summary>Two-class softmax regression with L2, full-batch Adam on CPU from zero weights; deterministic.</summary>
    private static (float[] Weight, float[] Bias) Logistic(float[] x, int[] y, int width, double strength)
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(x).reshape(y.Length, width);
        var targets = tensor(y.Select(l => (long)l).ToArray());
        var weight = new TorchSharp.Modules.Parameter(zeros(2, width));
        var bias = new TorchSharp.Modules.Parameter(zeros(2));
        using var optimizer = optim.Adam([weight, bias], 0.01);
        for (var step = 0; step < 400; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(inputs.matmul(weight.t()) + bias, targets) + (strength * weight.pow(2).sum());
            loss.backward();
            optimizer.step();
        }

        return (weight.detach().data<float>().ToArray(), bias.detach().data<float>().ToArray());
    }

    private static double BalancedAccuracy(float[] x, int[] y, float[] weight, float[] bias, int width)
    {
        var correct = new int[2];
        var total = new int[2];
        for (var i = 0; i < y.Length; i++)
        {
            var logit0 = bias[0];
            var logit1 = bias[1];
            for (var f = 0; f < width; f++)
            {
                logit0 += weight[f] * x[(i * width) + f];
                logit1 += weight[width + f] * x[(i * width) + f];
            }

            total[y[i]]++;
            correct[y[i]] += (logit1 > logit0 ? 1 : 0) == y[i] ? 1 : 0;
        }

        return ((double)correct[0] / Math.Max(1, total[0]) + ((double)correct[1] / Math.Max(1, total[1]))) / 2;
    }
}
