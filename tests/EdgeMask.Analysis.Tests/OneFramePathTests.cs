using System.Reflection;
using EdgeMask.Benchmarking;
using EdgeMask.Classification;
using EdgeMask.Detection;
using EdgeMask.Evaluation;
using EdgeMask.Pipeline;

namespace EdgeMask.Analysis.Tests;

/// <summary>Detection and classification meet in one place: the daemon, replay, bench and evaluate all go through it.</summary>
public sealed class OneFramePathTests
{
    private static readonly Assembly[] Product =
    [
        typeof(FrameAnalyzer).Assembly,
        typeof(FrameLoop).Assembly,
        typeof(SceneEvaluator).Assembly,
        typeof(IFaceDetector).Assembly,
        typeof(IMaskClassifier).Assembly,
    ];

    [Theory]
    [InlineData(typeof(FrameLoop))]
    [InlineData(typeof(PipelineBenchmark))]
    [InlineData(typeof(SceneEvaluator))]
    public void Callers_AnalyseFramesThroughTheFrameAnalyzer(Type caller)
    {
        var parameters = caller.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .ToList();

        Assert.Contains(typeof(IFrameAnalyzer), parameters);
        Assert.DoesNotContain(typeof(IFaceDetector), parameters);
        Assert.DoesNotContain(typeof(IMaskClassifier), parameters);
    }

    [Fact]
    public void OnlyTheFrameAnalyzer_TakesBothADetectorAndAClassifier()
    {
        var joining = Product
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IFaceDetector))
                    && c.GetParameters().Any(p => p.ParameterType == typeof(IMaskClassifier))))
            .ToList();

        Assert.Equal([typeof(FrameAnalyzer)], joining);
    }
}
