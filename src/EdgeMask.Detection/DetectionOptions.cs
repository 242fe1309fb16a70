using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Detection;

/// <summary>Face detection settings, bound from the <c>Detection</c> configuration section.</summary>
/// <remarks>
/// Every tunable except <see cref="Detector"/> and <see cref="CascadePath"/> is re-read on each frame,
/// so edits to the configuration file apply without a restart.
/// </remarks>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    public const string HaarDetector = "haar";

    public const string DefaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    /// <summary>Which detector finds faces. Default <c>haar</c>; the only one supported today.</summary>
    [Required]
    public string Detector { get; set; } = HaarDetector;

    /// <summary>
    /// Haar cascade XML file. Default is the frontal-face cascade from Debian's <c>opencv-data</c> package;
    /// a relative path is resolved against the application's folder. Read once at start.
    /// </summary>
    [Required]
    public string CascadePath { get; set; } = DefaultCascadePath;

    /// <summary>
    /// Detection runs on the grayscale frame resized by this factor; boxes are scaled back to full resolution.
    /// Default 0.5, range 0.1-1 (1 = no downscale).
    /// </summary>
    [Range(0.1, 1.0)]
    public double DownscaleFactor { get; set; } = 0.5;

    /// <summary>Step between the cascade's search scales. Default 1.1, range 1.01-2.</summary>
    [Range(1.01, 2.0)]
    public double ScaleFactor { get; set; } = 1.1;

    /// <summary>Overlapping hits needed to keep a face; higher means fewer false faces. Default 5, range 0-50.</summary>
    [Range(0, 50)]
    public int MinNeighbors { get; set; } = 5;

    /// <summary>
    /// Smallest face width to report, in full-resolution pixels. Default 48, range 1-4096.
    /// The cascade's own window (24 px for the frontal-face cascades) divided by <see cref="DownscaleFactor"/>
    /// is the smallest face that can be found at all.
    /// </summary>
    [Range(1, 4096)]
    public int MinFaceSizePixels { get; set; } = 48;

    /// <summary>Largest face width to report, in full-resolution pixels; 0 = no limit. Default 0, range 0-8192.</summary>
    [Range(0, 8192)]
    public int MaxFaceSizePixels { get; set; }

    /// <summary>Equalise the grayscale histogram before detection (helps with backlit doors). Default true.</summary>
    public bool EqualizeHistogram { get; set; } = true;

    /// <summary>The absolute cascade path: <see cref="CascadePath"/> resolved against the application's folder.</summary>
    public string ResolveCascadePath() =>
        Path.GetFullPath(Path.IsPathRooted(CascadePath) ? CascadePath : Path.Combine(AppContext.BaseDirectory, CascadePath));

    /// <summary>True when <see cref="Detector"/> names the Haar cascade (the default) rather than a learned detector.</summary>
    public bool UsesHaar => string.Equals(Detector?.Trim(), HaarDetector, StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings of the learned detectors (<c>Detection:Learned</c>), used when <see cref="Detector"/> is tiny or ssd.</summary>
    public Learned.LearnedDetectorOptions Learned { get; set; } = new();
}
