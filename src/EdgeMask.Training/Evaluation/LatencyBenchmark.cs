using System.Diagnostics;
using EdgeMask.Training.Onnx;

namespace EdgeMask.Training.Evaluation;

/// <summary>Per-face latency of an ONNX model on one thread: median over timed runs of a batch, divided by the batch size.</summary>
public static class LatencyBenchmark
{
    public static LatencyResult Measure(byte[] model, int batch, TimeSpan budget, int minimumRuns = 5)
    {
        using var session = new OnnxSession(model, threads: 1);
        var inputs = new float[batch * 3 * session.Height * session.Width];
        var random = new Random(1);
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() * 4 - 2);
        }

        for (var warmup = 0; warmup < 3; warmup++)
        {
            session.Run(inputs, batch);
        }

        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < minimumRuns || total.Elapsed < budget && samples.Count < 5000)
        {
            var run = Stopwatch.StartNew();
            session.Run(inputs, batch);
            samples.Add(run.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return new LatencyResult(batch, samples.Count, samples[samples.Count / 2] / batch, samples[(int)(samples.Count * 0.9)] / batch);
    }
}

/// <summary>Milliseconds per face: median and 90th percentile of runs at the given batch size.</summary>
public sealed record LatencyResult(int Batch, int Runs, double MedianMillisecondsPerFace, double P90MillisecondsPerFace);
