using EdgeMask.Core.Faces;
using EdgeMask.Detection.Learned;
using EdgeMask.FaceApiConverter.Quantization;
using Onnx;
using OpenCvSharp;
using Xunit.Abstractions;

namespace EdgeMask.FaceApiConverter.Tests;

public sealed class SsdQuantizationTests(QuantizedSsdFixture ssd, ITestOutputHelper output) : IClassFixture<QuantizedSsdFixture>
{
    /// <summary>Convs followed by ReLU6: conv 0, 13 depthwise + 13 pointwise, 8 extra feature convs.</summary>
    private const int QuantizedConvs = 1 + 26 + 8;

    /// <summary>The 6 box + 6 class predictors stay in float.</summary>
    private const int FloatHeadConvs = 12;

    [SkippableFact]
    public void Int8Ssd_OptimisedByOnnxRuntime_FusesEveryReluConvIntoQLinearConv()
    {
        Skip.If(ssd.SkipReason is not null, ssd.SkipReason);

        var report = QdqFusionReport.Inspect(ssd.Int8Model);

        output.WriteLine(report.ToString());
        Assert.Equal(QuantizedConvs, report.Count("QLinearConv"));
        Assert.Equal(FloatHeadConvs, report.Count("Conv") + report.Count("FusedConv"));
        Assert.Equal(0, report.Count("Clip"));
    }

    [SkippableFact]
    public void Int8Ssd_Graph_GivesEveryReluConvInt8WeightsAndInt32Bias()
    {
        Skip.If(ssd.SkipReason is not null, ssd.SkipReason);
        var graph = ModelProto.Parser.ParseFrom(ssd.Int8Model).Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var producers = graph.Node.ToDictionary(n => n.Output[0]);

        bool DequantizedFrom(string value, TensorProto.Types.DataType type) =>
            producers.TryGetValue(value, out var node) && node.OpType == "DequantizeLinear"
            && initializers.TryGetValue(node.Input[0], out var source) && source.DataType == (int)type;

        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var quantized = convs.Where(c => DequantizedFrom(c.Input[1], TensorProto.Types.DataType.Int8) && DequantizedFrom(c.Input[2], TensorProto.Types.DataType.Int32)).ToList();

        Assert.Equal(QuantizedConvs, quantized.Count);
        Assert.Contains(quantized, c => c.Input[1].StartsWith("MobilenetV1/Conv2d_0_pointwise/", StringComparison.Ordinal));
        Assert.Equal(FloatHeadConvs, convs.Count(c => initializers.TryGetValue(c.Input[1], out var w) && w.DataType == (int)TensorProto.Types.DataType.Float));
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Clip");
    }

    [SkippableFact]
    public void Int8Ssd_MessiPhoto_FindsTheSameFacesAsFp32()
    {
        Skip.If(ssd.SkipReason is not null, ssd.SkipReason);
        using var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, QuantizedSsdFixture.ComparisonPhoto));

        var fp32 = Detect(ssd.Fp32Path, photo);
        var int8 = Detect(ssd.Int8Path, photo);

        output.WriteLine($"fp32: {string.Join(", ", fp32)}");
        output.WriteLine($"int8: {string.Join(", ", int8)}");
        Assert.NotEmpty(fp32);
        AssertEachHasPartner(fp32, int8, "fp32 face");
        AssertEachHasPartner(int8, fp32, "int8 face");
    }

    [SkippableFact]
    public void Ssd384_MessiPhoto_FindsTheFaceFp32At512Finds()
    {
        Skip.If(ssd.SkipReason is not null, ssd.SkipReason);
        using var photo = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, QuantizedSsdFixture.ComparisonPhoto));

        var at512 = Detect(ssd.Fp32Path, photo);
        var at384 = Detect(ssd.Fp32At384Path, photo, expectedInput: 384);

        output.WriteLine($"512: {string.Join(", ", at512)}");
        output.WriteLine($"384: {string.Join(", ", at384)}");
        var best = at512.MaxBy(f => f.Score)!;
        Assert.Contains(at384, f => f.Box.IntersectionOverUnion(best.Box) >= 0.7);
    }

    [SkippableFact]
    public void Create_SsdInputSizeNotTheModels_ThrowsNamingBothSizes()
    {
        Skip.If(ssd.SkipReason is not null, ssd.SkipReason);

        var ex = Assert.Throws<InvalidDataException>(() => LearnedFaceDetectorFactory.Create("ssd", new LearnedDetectorOptions { SsdModelPath = ssd.Fp32At384Path, SsdInputSizePixels = 512 }));

        Assert.Contains("Detection:Learned:SsdInputSizePixels is 512", ex.Message);
        Assert.Contains("for a 384 input", ex.Message);
    }

    // Tolerances: int8 rounds every activation to 1/255 of its range and every weight to 1/127 of its channel's
    // largest; on this photo the largest drift seen was well inside these (see the test output). A box moved by a
    // twentieth of its side still has IoU > 0.8; a score change of 0.1 keeps a confident face confident.
    private const double MinPartnerIoU = 0.8;
    private const double ScoreTolerance = 0.1;
    private const double MinScore = 0.3;

    private static void AssertEachHasPartner(IReadOnlyList<FaceDetection> from, IReadOnlyList<FaceDetection> to, string what)
    {
        foreach (var face in from.Where(f => f.Score >= MinScore + ScoreTolerance))
        {
            var partner = to.MaxBy(t => t.Box.IntersectionOverUnion(face.Box));
            Assert.True(partner is not null, $"{what} {face.Box} score {face.Score:F3} has no partner.");
            var iou = partner.Box.IntersectionOverUnion(face.Box);
            Assert.True(iou >= MinPartnerIoU, $"{what} {face.Box} score {face.Score:F3}: best partner {partner.Box} IoU {iou:F3} < {MinPartnerIoU}.");
            Assert.True(Math.Abs(partner.Score - face.Score) <= ScoreTolerance, $"{what} {face.Box}: score {face.Score:F3} vs {partner.Score:F3}.");
        }
    }

    private static IReadOnlyList<FaceDetection> Detect(string modelPath, Mat photo, int? expectedInput = null)
    {
        using var detector = LearnedFaceDetectorFactory.Create("ssd", new LearnedDetectorOptions { SsdModelPath = modelPath, SsdInputSizePixels = expectedInput, MinScore = MinScore, NmsIouThreshold = 0.5 });
        return detector.Detect(photo);
    }
}
