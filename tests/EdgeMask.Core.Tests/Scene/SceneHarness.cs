using EdgeMask.Core.Control;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeMask.Core.Tests.Scene;

/// <summary>
/// The real scene analyzer as the host builds it (AddSceneLogic over in-memory configuration), fed scripted
/// frames at a fixed frame rate; keeps every update so tests can inspect events over a whole scene.
/// </summary>
internal sealed class SceneHarness : IDisposable
{
    public const int FrameWidth = 1280;
    public const int FrameHeight = 720;
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private long _sequence;

    public SceneHarness(IDictionary<string, string?>? settings = null, double framesPerSecond = 15)
    {
        // Short, test-friendly defaults; a test overrides what it is about.
        var values = new Dictionary<string, string?>
        {
            ["Scene:FocalLengthPixels"] = "1000",
            ["Scene:TrackConfirmFrames"] = "1",
            ["Scene:VerdictWindowFrames"] = "5",
            ["Scene:VerdictMinFrames"] = "3",
            ["Scene:MaskViolationMinDuration"] = "00:00:00.5",
            ["Scene:DistanceViolationMinDuration"] = "00:00:01",
            ["Scene:IncidentClearDuration"] = "00:00:00.5",
            ["Scene:IncidentUpdateInterval"] = "00:00:02",
            ["Scene:IncidentCooldown"] = "00:00:10",
            ["Scene:SummaryPeriod"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration)
            .AddSceneLogic()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Analyzer = _services.GetRequiredService<ISceneAnalyzer>();
        Controls = _services.GetRequiredService<RuntimeControls>();
        FrameInterval = TimeSpan.FromSeconds(1 / framesPerSecond);
        Now = Start;
    }

    public IConfigurationRoot Configuration { get; }

    public IServiceProvider Services => _services;

    public ISceneAnalyzer Analyzer { get; }

    public RuntimeControls Controls { get; }

    public TimeSpan FrameInterval { get; }

    public DateTimeOffset Now { get; private set; }

    public List<SceneUpdate> Updates { get; } = [];

    public IEnumerable<IncidentEvent> Events => Updates.SelectMany(u => u.Events);

    public SceneUpdate Last => Updates[^1];

    public static FaceObservation Face(double centerX, double centerY, int width, MaskStatus status = MaskStatus.Mask, float confidence = 0.95f) =>
        new(
            new PixelBox((int)Math.Round(centerX - (width / 2.0)), (int)Math.Round(centerY - (width * 0.6)), width, (int)Math.Round(width * 1.2)),
            1f,
            new MaskPrediction(status, confidence, status));

    /// <summary>A face of a person whose face centre is at (x, y, z) metres in camera coordinates, seen with focal length f.</summary>
    public static FaceObservation FaceAt(double xMeters, double yMeters, double zMeters, double focalLengthPixels = 1000, double faceWidthMeters = 0.15, MaskStatus status = MaskStatus.Mask)
    {
        var width = focalLengthPixels * faceWidthMeters / zMeters;
        var centerX = (FrameWidth / 2.0) + (xMeters * focalLengthPixels / zMeters);
        var centerY = (FrameHeight / 2.0) + (yMeters * focalLengthPixels / zMeters);
        var box = new PixelBox((int)Math.Round(centerX - (width / 2)), (int)Math.Round(centerY - (width / 2)), (int)Math.Round(width), (int)Math.Round(width));
        return new FaceObservation(box, 1f, new MaskPrediction(status, 0.95f, status));
    }

    public SceneUpdate Step(params FaceObservation[] faces)
    {
        var update = Analyzer.Analyze(new FrameAnalysis(++_sequence, Now, FrameWidth, FrameHeight, faces));
        Updates.Add(update);
        Now += FrameInterval;
        return update;
    }

    /// <summary>Feeds the same faces for <paramref name="duration"/> of frames.</summary>
    public void Hold(TimeSpan duration, params FaceObservation[] faces)
    {
        var until = Now + duration;
        while (Now < until)
        {
            Step(faces);
        }
    }

    public void Set(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    public void Dispose() => _services.Dispose();
}
