using System.Diagnostics;
using EdgeMask.Detection.Learned;
using OpenCvSharp;
using Xunit.Abstractions;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// Measures ms per frame (the numbers in src/EdgeMask.Detection/Learned/README.md). Runs only with
/// EDGEMASK_MEASURE=1 because timings on a shared machine are not pass/fail material.
/// </summary>
public sealed class LearnedDetectorTimingTests(FaceApiPackageFixture package, ITestOutputHelper output) : IClassFixture<FaceApiPackageFixture>
{
    private const int WarmUpFrames = 3;
    private const int MeasuredFrames = 20;

    [SkippableTheory]
    [InlineData("tiny", 416)]
    [InlineData("tiny", 320)]
    [InlineData("tiny", 224)]
    [InlineData("ssd", 512)]
    public void Detect_640x480Frame_ReportsMillisecondsPerFrame(string detector, int inputSize)
    {
        Skip.If(Environment.GetEnvironmentVariable("EDGEMASK_MEASURE") != "1", "set EDGEMASK_MEASURE=1 to measure detector timings");
        Skip.If(package.SkipReason is not null, package.SkipReason);
        var options = new LearnedDetectorOptions
        {
            TinyModelPath = package.TinyModelPath,
            SsdModelPath = package.SsdModelPath,
            InputSizePixels = inputSize,
            IntraOpThreads = 1,
        };
        using var detectorInstance = LearnedFaceDetectorFactory.Create(detector, options);
        using var frame = new Mat();
        using (var messi = Cv2.ImRead(Path.Combine(SystemTools.OpenCvSamples, "messi5.jpg")))
        {
            Cv2.Resize(messi, frame, new Size(640, 480));
        }

        for (var i = 0; i < WarmUpFrames; i++)
        {
            detectorInstance.Detect(frame);
        }

        var times = new List<double>();
        for (var i = 0; i < MeasuredFrames; i++)
        {
            var start = Stopwatch.GetTimestamp();
            detectorInstance.Detect(frame);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"{detector} {inputSize}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms per 640x480 frame (1 intra-op thread)");
        Assert.All(times, t => Assert.True(t > 0));
    }
}
