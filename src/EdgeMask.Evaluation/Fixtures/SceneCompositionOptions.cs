namespace EdgeMask.Evaluation.Fixtures;

/// <summary>What <see cref="SceneComposer"/> builds: how many scenes, of which sizes, with how many faces of which widths.</summary>
public sealed record SceneCompositionOptions
{
    /// <summary>Seeds the one random generator that makes every choice; same seed and inputs, same scenes. Default 5.</summary>
    public int Seed { get; init; } = 5;

    /// <summary>Scenes to write. Default 150, range 1-100000.</summary>
    public int SceneCount { get; init; } = 150;

    /// <summary>Scene sizes, used in turn (scene i gets size i mod count). Default 640x480 and 1280x720.</summary>
    public IReadOnlyList<(int Width, int Height)> SceneSizesPixels { get; init; } = [(640, 480), (1280, 720)];

    /// <summary>Faces pasted per scene, drawn uniformly. Default 1-6.</summary>
    public int MinFacesPerScene { get; init; } = 1;

    /// <inheritdoc cref="MinFacesPerScene"/>
    public int MaxFacesPerScene { get; init; } = 6;

    /// <summary>Pasted face widths, drawn log-uniformly so each size bucket gets a similar share. Default 24-200 px.</summary>
    public int MinFaceWidthPixels { get; init; } = 24;

    /// <inheritdoc cref="MinFaceWidthPixels"/>
    public int MaxFaceWidthPixels { get; init; } = 200;

    /// <summary>JPEG quality of the written scenes. Default 90.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (SceneCount is < 1 or > 100_000)
        {
            throw new ArgumentException($"SceneCount must be 1-100000, got {SceneCount}.");
        }

        if (SceneSizesPixels.Count == 0 || SceneSizesPixels.Any(s => s.Width < 64 || s.Height < 64))
        {
            throw new ArgumentException("SceneSizesPixels must list at least one size, each at least 64x64.");
        }

        if (MinFacesPerScene < 1 || MaxFacesPerScene < MinFacesPerScene)
        {
            throw new ArgumentException($"Faces per scene must satisfy 1 <= MinFacesPerScene <= MaxFacesPerScene, got {MinFacesPerScene}-{MaxFacesPerScene}.");
        }

        var smallestSide = SceneSizesPixels.Min(s => Math.Min(s.Width, s.Height));
        if (MinFaceWidthPixels < 8 || MaxFaceWidthPixels < MinFaceWidthPixels || MaxFaceWidthPixels > smallestSide / 2)
        {
            throw new ArgumentException(
                $"Face widths must satisfy 8 <= MinFaceWidthPixels <= MaxFaceWidthPixels <= half the smallest scene side ({smallestSide / 2}), got {MinFaceWidthPixels}-{MaxFaceWidthPixels}.");
        }

        if (JpegQuality is < 1 or > 100)
        {
            throw new ArgumentException($"JpegQuality must be 1-100, got {JpegQuality}.");
        }
    }
}
