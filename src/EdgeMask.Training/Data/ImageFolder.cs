using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeMask.Training.Data;

/// <summary>
/// An ImageFolder data set (one sub-folder per class, e.g. with_mask/ and without_mask/) split deterministically
/// by a hash of each file name, so the split never depends on listing order, machine or seed.
/// </summary>
public sealed class ImageFolder
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    private ImageFolder(string root, IReadOnlyList<string> labels, IReadOnlyList<LabeledImage> images, string listingSha256)
    {
        Root = root;
        Labels = labels;
        Images = images;
        ListingSha256 = listingSha256;
    }

    public string Root { get; }

    /// <summary>The class folders found, in the order of <paramref name="expectedLabels"/> given to <see cref="Open"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<LabeledImage> Images { get; }

    /// <summary>SHA-256 of the sorted listing "label/name size" lines: identifies the data a model was trained on.</summary>
    public string ListingSha256 { get; }

    public IEnumerable<LabeledImage> In(DataSplit split) => Images.Where(image => image.Split == split);

    /// <summary>Opens <paramref name="root"/>, which must hold one folder per expected label with at least one image each.</summary>
    /// <param name="corrections">Labels to correct (see <see cref="LabelCorrections"/>); none by default. The listing hash is of the folders as they are.</param>
    public static ImageFolder Open(string root, IReadOnlyList<string> expectedLabels, SplitFractions fractions, LabelCorrections? corrections = null)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Data folder '{root}' does not exist; it must hold one folder per class: {string.Join(", ", expectedLabels)}.");
        }

        var images = new List<LabeledImage>();
        var listing = new List<string>();
        for (var index = 0; index < expectedLabels.Count; index++)
        {
            var label = expectedLabels[index];
            var folder = Path.Combine(root, label);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"Data folder '{root}' has no '{label}' folder; expected one folder per class: {string.Join(", ", expectedLabels)}.");
            }

            var files = Directory.EnumerateFiles(folder)
                .Where(file => ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new InvalidDataException($"Class folder '{folder}' holds no images ({string.Join(", ", ImageExtensions)}).");
            }

            foreach (var file in files)
            {
                images.Add((corrections ?? LabelCorrections.None).Apply(new LabeledImage(file, label, index, fractions.SplitOf(Path.GetFileName(file)))));
                listing.Add(string.Create(CultureInfo.InvariantCulture, $"{label}/{Path.GetFileName(file)} {new FileInfo(file).Length}"));
            }
        }

        listing.Sort(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', listing)));
        return new ImageFolder(Path.GetFullPath(root), expectedLabels, images, Convert.ToHexStringLower(hash));
    }
}
