using System.Diagnostics;
using EdgeMask.Detection.Learned;
using OpenCvSharp;
using Xunit.Abstractions;

namespace EdgeMask.FaceApiConverter.Tests;

/// <summary>
/// Measures ms per frame (the numbers in src/EdgeMask.Detection/Learned/README.md) of the models in models/ (written
/// by ./build.sh setup; EDGEMASK_MODELS_DIR overrides the folder). Runs only with EDGEMASK_MEASURE=1 because timings
/// on a shared machine are not pass/fail material.
/// </summary>
public sealed class LearnedDetectorTimingTests(ITestOutputHelper output)
{
    private const int WarmUpFrames = 3;
    private const int MeasuredFrames = 20;

    [SkippableTheory]
    [InlineData("tiny", 416, "face_detector_tiny.onnx")]
    [InlineData("tiny", 320, "face_detector_tiny.onnx")]
    [InlineData("tiny", 224, "face_detector_tiny.onnx")]
    [InlineData("ssd", 512, "face_detector_ssd.onnx")]
    [InlineData("ssd", 512, "face_detector_ssd.int8.onnx")]
    [InlineData("ssd", 384, "face_detector_ssd_384.onnx")]
    [InlineData("ssd", 384, "face_detector_ssd_384.int8.onnx")]
    [InlineData("ssd", 320, "face_detector_ssd_320.onnx")]
    [InlineData("ssd", 320, "face_detector_ssd_320.int8.onnx")]
    public void Detect_640x480Frame_ReportsMillisecondsPerFrame(string detector, int inputSize, string modelFile)
    {
        Skip.If(Environment.GetEnvironmentVariable("EDGEMASK_MEASURE") != "1", "set EDGEMASK_MEASURE=1 to measure detector timings");
        var modelPath = Path.Combine(Environment.GetEnvironmentVariable("EDGEMASK_MODELS_DIR") ?? Path.Combine(RepoPaths.Root, "models"), modelFile);
        Skip.IfNot(File.Exists(modelPath), $"{modelPath} is missing; run ./build.sh setup (scripts/fetch-face-detectors.sh)");
        var options = new LearnedDetectorOptions
        {
            TinyModelPath = modelPath,
            SsdModelPath = modelPath,
            InputSizePixels = detector == "tiny" ? inputSize : 416,
            SsdInputSizePixels = detector == "ssd" ? inputSize : null,
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
        output.WriteLine($"{modelFile} {inputSize}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms per 640x480 frame (1 intra-op thread)");
        Assert.All(times, t => Assert.True(t > 0));
    }
}
