using System.Diagnostics;
using EdgeMask.Classification;
using EdgeMask.Core.Faces;
using EdgeMask.Detection;
using OpenCvSharp;

namespace EdgeMask.Analysis;

/// <summary>Detects, then classifies all faces of the frame in one batch, and pairs face i with verdict i.</summary>
internal sealed class FrameAnalyzer(IFaceDetector detector, IMaskClassifier classifier) : IFrameAnalyzer
{
    public AnalyzedFrame Analyze(Mat bgrFrame, long sequence, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        if (bgrFrame.Empty() || bgrFrame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException(
                $"Frame {sequence}: expected an 8-bit 3-channel BGR image, got {bgrFrame.Channels()} channel(s) of {bgrFrame.Type()}, {bgrFrame.Width}x{bgrFrame.Height}.",
                nameof(bgrFrame));
        }

        var started = Stopwatch.GetTimestamp();
        var detections = detector.Detect(bgrFrame);
        var detectionTime = Stopwatch.GetElapsedTime(started);
        if (detections.Count == 0)
        {
            return new AnalyzedFrame(new FrameAnalysis(sequence, timestamp, bgrFrame.Width, bgrFrame.Height, []), detectionTime, TimeSpan.Zero);
        }

        var detected = Stopwatch.GetTimestamp();
        var predictions = classifier.Classify(bgrFrame, detections);
        var classificationTime = Stopwatch.GetElapsedTime(detected);
        if (predictions.Count != detections.Count)
        {
            throw new InvalidOperationException($"The classifier answered {predictions.Count} verdicts for {detections.Count} faces.");
        }

        var faces = new FaceObservation[detections.Count];
        for (var i = 0; i < faces.Length; i++)
        {
            faces[i] = new FaceObservation(detections[i], predictions[i]);
        }

        return new AnalyzedFrame(new FrameAnalysis(sequence, timestamp, bgrFrame.Width, bgrFrame.Height, faces), detectionTime, classificationTime);
    }
}
