using System.Diagnostics;
using EdgeMask.Analysis;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using OpenCvSharp;

namespace EdgeMask.Benchmarking;

/// <summary>
/// Runs the daemon's stages one after another over every frame of a clip, timing each stage, then the
/// tutorial's pipeline over the same frames. Frames are decoded up front for the stage timings and decoded
/// again inside the end-to-end loop, which is what a single core on the device has to do.
/// </summary>
public sealed class PipelineBenchmark
{
    private readonly IFrameAnalyzer _analyzer;
    private readonly ISceneAnalyzer _scene;
    private readonly ISceneSink[] _sinks;
    private readonly TutorialPipeline? _tutorial;

    public PipelineBenchmark(IFrameAnalyzer analyzer, ISceneAnalyzer scene, IEnumerable<ISceneSink> sinks, TutorialPipeline? tutorial)
    {
        _analyzer = analyzer;
        _scene = scene;
        _sinks = sinks.ToArray();
        _tutorial = tutorial;
    }

    public async Task<StageTimings> RunAsync(string clipPath, int facesPlaced, string content, string threads, CancellationToken cancellationToken)
    {
        var frames = Decode(clipPath, out var decodeMs);
        try
        {
            // Warm-up: first calls allocate buffers and JIT-compile.
            ProcessOne(frames[0], 0, out _, out _, out _, out _);

            double detect = 0, classify = 0, scene = 0, sinks = 0;
            var faces = 0;
            for (var i = 0; i < frames.Count; i++)
            {
                var update = ProcessOne(frames[i], i + 1, out var d, out var c, out var s, out var found);
                detect += d;
                classify += c;
                scene += s;
                faces += found;
                var started = Stopwatch.GetTimestamp();
                foreach (var sink in _sinks)
                {
                    await sink.OnSceneUpdateAsync(update, cancellationToken).ConfigureAwait(false);
                }

                sinks += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var (fps, allocated) = EndToEnd(clipPath, frames.Count + 1);
            var (tutorialFps, tutorialFaces) = Tutorial(clipPath);

            var n = frames.Count;
            return new StageTimings(
                Path.GetFileName(clipPath),
                frames[0].Width,
                frames[0].Height,
                facesPlaced,
                content,
                threads,
                n,
                (double)faces / n,
                decodeMs,
                detect / n,
                classify / n,
                faces == 0 ? 0 : classify / faces,
                scene / n,
                sinks / n,
                fps,
                allocated,
                tutorialFps,
                tutorialFaces);
        }
        finally
        {
            foreach (var frame in frames)
            {
                frame.Dispose();
            }
        }
    }

    private SceneUpdate ProcessOne(Mat frame, long sequence, out double detectMs, out double classifyMs, out double sceneMs, out int faces)
    {
        var analyzed = _analyzer.Analyze(frame, sequence, DateTimeOffset.UnixEpoch.AddMilliseconds(sequence * 33));
        var t2 = Stopwatch.GetTimestamp();
        var update = _scene.Analyze(analyzed.Analysis);
        var t3 = Stopwatch.GetTimestamp();
        detectMs = analyzed.DetectionTime.TotalMilliseconds;
        classifyMs = analyzed.ClassificationTime.TotalMilliseconds;
        sceneMs = Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
        faces = analyzed.Analysis.Faces.Count;
        return update;
    }

    private (double Fps, double AllocatedBytesPerFrame) EndToEnd(string clipPath, long firstSequence)
    {
        using var capture = Open(clipPath);
        using var frame = new Mat();
        var frames = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        while (capture.Read(frame) && !frame.Empty())
        {
            ProcessOne(frame, firstSequence + frames, out _, out _, out _, out _);
            frames++;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (frames / seconds, (double)allocated / Math.Max(1, frames));
    }

    private (double Fps, double FacesPerFrame) Tutorial(string clipPath)
    {
        if (_tutorial is null)
        {
            return (0, 0);
        }

        using var capture = Open(clipPath);
        using var frame = new Mat();
        var frames = 0;
        var faces = 0;
        var started = Stopwatch.GetTimestamp();
        while (capture.Read(frame) && !frame.Empty())
        {
            faces += _tutorial.Process(frame);
            frames++;
        }

        return (frames / Stopwatch.GetElapsedTime(started).TotalSeconds, (double)faces / Math.Max(1, frames));
    }

    private static List<Mat> Decode(string clipPath, out double msPerFrame)
    {
        using var capture = Open(clipPath);
        var frames = new List<Mat>();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty())
            {
                frame.Dispose();
                break;
            }

            frames.Add(frame);
        }

        msPerFrame = Stopwatch.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, frames.Count);
        if (frames.Count == 0)
        {
            throw new InvalidDataException($"Benchmark clip {clipPath} has no frames.");
        }

        return frames;
    }

    private static VideoCapture Open(string clipPath)
    {
        var capture = new VideoCapture(clipPath);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new IOException($"Cannot open benchmark clip {clipPath}");
        }

        return capture;
    }
}
