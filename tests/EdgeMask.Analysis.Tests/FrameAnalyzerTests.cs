using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace EdgeMask.Analysis.Tests;

public sealed class FrameAnalyzerTests
{
    private const string TwoPeoplePhoto = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";
    private const string FacePhoto = "/usr/share/doc/opencv-doc/opencv4/html/face_swapped.jpg";

    [Fact]
    public void Analyze_FrameWithFaces_PairsEachFaceWithTheVerdictTheClassifierGivesIt()
    {
        using var services = Services();
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        var classifier = services.GetRequiredService<IMaskClassifier>();
        using var frame = SideBySide(FacePhoto, TwoPeoplePhoto);

        var analyzed = analyzer.Analyze(frame, 7, DateTimeOffset.UnixEpoch);

        Assert.True(analyzed.Analysis.Faces.Count >= 2, $"expected at least two faces, found {analyzed.Analysis.Faces.Count}");
        foreach (var face in analyzed.Analysis.Faces)
        {
            var alone = classifier.Classify(frame, [new FaceDetection(face.Box, face.DetectionScore, face.Landmarks)])[0];
            Assert.Equal(alone, face.Mask);
            Assert.NotNull(face.Landmarks);
        }

        Assert.Equal(7, analyzed.Analysis.Sequence);
        Assert.Equal(frame.Width, analyzed.Analysis.FrameWidth);
        Assert.True(analyzed.DetectionTime > TimeSpan.Zero);
        Assert.True(analyzed.ClassificationTime > TimeSpan.Zero);
    }

    [Fact]
    public void Analyze_FrameWithoutFaces_NeverAsksTheClassifier()
    {
        var counting = new CountingClassifier();
        using var services = Services(s => s.AddSingleton<IMaskClassifier>(counting));
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        using var blank = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 100, 110));

        var analyzed = analyzer.Analyze(blank, 1, DateTimeOffset.UnixEpoch);

        Assert.Empty(analyzed.Analysis.Faces);
        Assert.Equal(0, counting.Calls);
        Assert.Equal(TimeSpan.Zero, analyzed.ClassificationTime);
    }

    [Fact]
    public void Analyze_ClassifierAnsweringTheWrongNumberOfVerdicts_FailsNamingBothCounts()
    {
        using var services = Services(s => s.AddSingleton<IMaskClassifier>(new CountingClassifier(extraVerdicts: 1)));
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        using var frame = Cv2.ImRead(FacePhoto);

        var error = Assert.Throws<InvalidOperationException>(() => analyzer.Analyze(frame, 1, DateTimeOffset.UnixEpoch));

        Assert.Contains("verdicts for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_GreyFrame_IsRefusedNamingItsChannels()
    {
        using var services = Services();
        var analyzer = services.GetRequiredService<IFrameAnalyzer>();
        using var grey = new Mat(48, 64, MatType.CV_8UC1, Scalar.All(0));

        var error = Assert.Throws<ArgumentException>(() => analyzer.Analyze(grey, 3, DateTimeOffset.UnixEpoch));

        Assert.Contains("Frame 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 channel", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Detection:FullScanEveryFrames"] = "1", ["Detection:MinFaceSizePixels"] = "20" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        more?.Invoke(services);
        return services.AddFrameAnalysis().BuildServiceProvider();
    }

    private static Mat SideBySide(string left, string right)
    {
        using var a = Cv2.ImRead(left);
        using var b = Cv2.ImRead(right);
        Assert.False(a.Empty() || b.Empty(), "opencv-doc's photos are missing: install opencv-doc");
        using var aScaled = a.Resize(new Size(a.Width * b.Height / a.Height, b.Height));
        var frame = new Mat();
        Cv2.HConcat([aScaled, b], frame);
        return frame;
    }

    /// <summary>The shipped classifier's contract without a model: counts calls, answers "uncertain" for each face.</summary>
    private sealed class CountingClassifier(int extraVerdicts = 0) : IMaskClassifier
    {
        public int Calls { get; private set; }

        public MaskModelInfo Model => throw new NotSupportedException();

        public IReadOnlyList<MaskPrediction> Classify(Mat bgrFrame, IReadOnlyList<FaceDetection> faces)
        {
            Calls++;
            return Enumerable.Repeat(new MaskPrediction(MaskStatus.Uncertain, 0.5f, MaskStatus.Mask), faces.Count + extraVerdicts).ToArray();
        }

        public void Dispose()
        {
        }
    }
}
