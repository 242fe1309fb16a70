namespace EdgeMask.Training.Data;

/// <summary>
/// Images whose folder label is wrong for the door's purpose: masks worn below the nose that the data set files under
/// with_mask (<c>Data/below-nose-masks.txt</c>, shipped in the trainer). Training, validation, export and evaluation
/// all read them as mask_weared_incorrect, so every split and every score uses the same labels.
/// </summary>
public sealed class LabelCorrections
{
    private const string ResourceName = "EdgeMask.Training.Data.below-nose-masks.txt";

    private readonly HashSet<string> _belowNose;

    public LabelCorrections(IEnumerable<string> belowNoseFileNames) =>
        _belowNose = new HashSet<string>(belowNoseFileNames, StringComparer.Ordinal);

    /// <summary>No corrections: the folders' labels as they are.</summary>
    public static LabelCorrections None { get; } = new([]);

    /// <summary>The reviewed list shipped with the trainer.</summary>
    public static LabelCorrections Shipped { get; } = Load();

    public int Count => _belowNose.Count;

    /// <summary>The image with its corrected label: a listed with_mask file becomes mask_weared_incorrect (class index 2).</summary>
    public LabeledImage Apply(LabeledImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.LabelIndex == Training.ClassScheme.WithMask && _belowNose.Contains(Path.GetFileName(image.Path))
            ? image with { Label = Training.ClassScheme.ThreeClass.Labels[2], LabelIndex = 2 }
            : image;
    }

    private static LabelCorrections Load()
    {
        using var stream = typeof(LabelCorrections).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The trainer was built without its resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        var names = reader.ReadToEnd()
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));
        return new LabelCorrections(names);
    }
}
