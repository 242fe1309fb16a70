using BenchmarkDotNet.Attributes;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeMask.Benchmarks;

/// <summary>
/// The scene logic (AddSceneLogic with the daemon's default settings) on a 1280x720 frame at 30 fps with 4 tracked
/// people: two masked, one without a mask, one with the mask below the nose, about 1.5 m from the camera and less
/// than 1.5 m apart, so mask and distance incidents are open. Faces drift by a few pixels per frame, so tracking,
/// verdict windows, distances and incidents all do their steady-state work.
/// </summary>
[MemoryDiagnoser]
public class SceneBenchmarks
{
    private const int Width = 1280;
    private const int Height = 720;
    private static readonly TimeSpan FrameInterval = TimeSpan.FromSeconds(1.0 / 30);

    private static readonly (int X, int Y, MaskStatus Status)[] People =
    [
        (200, 300, MaskStatus.Mask),
        (330, 310, MaskStatus.NoMask),
        (700, 280, MaskStatus.Mask),
        (1000, 320, MaskStatus.WornIncorrectly),
    ];

    private ServiceProvider _services = null!;
    private ISceneAnalyzer _analyzer = null!;
    private DateTimeOffset _now;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _services = Services.Build(new Dictionary<string, string?>(), services => services.AddSceneLogic());
        _analyzer = _services.GetRequiredService<ISceneAnalyzer>();
        _now = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

        // Past track confirmation and the verdict windows, so the measured frames see 4 confirmed people.
        for (var i = 0; i < 60; i++)
        {
            AnalyzeNextFrame();
        }

        var people = AnalyzeNextFrame().People.Count;
        if (people != People.Length)
        {
            throw new InvalidOperationException($"The scene tracks {people} people after warm-up, expected {People.Length}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public SceneUpdate AnalyzeFrameWith4People() => AnalyzeNextFrame();

    private SceneUpdate AnalyzeNextFrame()
    {
        var drift = (int)(_sequence % 8) - 4;
        var faces = new FaceObservation[People.Length];
        for (var i = 0; i < People.Length; i++)
        {
            var (x, y, status) = People[i];
            faces[i] = new FaceObservation(new PixelBox(x + drift, y - drift, 110, 130), 1f, new MaskPrediction(status, 0.93f, status));
        }

        _now += FrameInterval;
        return _analyzer.Analyze(new FrameAnalysis(++_sequence, _now, Width, Height, faces));
    }
}
