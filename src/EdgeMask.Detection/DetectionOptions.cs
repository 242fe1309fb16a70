using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Detection;

/// <summary>Face detection settings, bound from the <c>Detection</c> configuration section.</summary>
/// <remarks>
/// Every tunable except <see cref="Detector"/> and the cascade files (<see cref="CascadePath"/>, <see cref="AdditionalCascadePaths"/>,
/// <see cref="EyePairFallback"/>, <see cref="EyeCascadePath"/>) is re-read on each frame,
/// so edits to the configuration file apply without a restart.
/// </remarks>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    public const string HaarDetector = "haar";

    public const string YuNetDetector = "yunet";

    public const string DefaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    public const string DefaultEyeCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_eye.xml";

    /// <summary>
    /// Which detector finds faces: <c>yunet</c> (default; OpenCV's DNN face detector, settings in <see cref="YuNet"/>)
    /// or <c>haar</c> (the cascade in <see cref="CascadePath"/>). Read once at start.
    /// </summary>
    [Required(ErrorMessage = "Detection:Detector is required")]
    public string Detector { get; set; } = YuNetDetector;

    /// <summary>
    /// Haar cascade XML file. Default is the frontal-face cascade from Debian's <c>opencv-data</c> package;
    /// a relative path is resolved against the application's folder. Read once at start.
    /// </summary>
    [Required(ErrorMessage = "Detection:CascadePath is required")]
    public string CascadePath { get; set; } = DefaultCascadePath;

    /// <summary>
    /// The frontal-face cascades' window: the smallest face a cascade can find, in detection-frame pixels. Used to
    /// derive the detection scale for <c>haar</c> when <see cref="DownscaleFactor"/> is unset.
    /// </summary>
    public const int HaarSmallestFacePixels = 24;

    /// <summary>
    /// The smallest face, in detection-frame pixels, that YuNet still finds reliably, measured on the development scenes
    /// (docs/detector-study.md): used to derive the detection scale for <c>yunet</c> when <see cref="DownscaleFactor"/> is unset.
    /// </summary>
    public const int YuNetSmallestFacePixels = 18;

    /// <summary>
    /// Detection runs on the frame resized by this factor; boxes are scaled back to full resolution. Default unset:
    /// the detector's smallest reliable face (<see cref="YuNetSmallestFacePixels"/>, <see cref="HaarSmallestFacePixels"/>)
    /// over <see cref="MinFaceSizePixels"/>, at most 1 (YuNet: 0.75 for the default 24 px), so the cost follows the
    /// smallest face asked for, whatever the camera's resolution. Range 0.1-1.
    /// </summary>
    [Range(0.1, 1.0, ErrorMessage = "Detection:DownscaleFactor must be between {1} and {2}")]
    public double? DownscaleFactor { get; set; }

    /// <summary>The factor in force: <see cref="DownscaleFactor"/> if set, else derived from <see cref="MinFaceSizePixels"/>.</summary>
    public double EffectiveDownscaleFactor =>
        DownscaleFactor ?? Math.Clamp((double)(UsesHaar ? HaarSmallestFacePixels : YuNetSmallestFacePixels) / Math.Max(1, MinFaceSizePixels), 0.1, 1.0);

    /// <summary>Step between the cascade's search scales. Default 1.1, range 1.01-2.</summary>
    [Range(1.01, 2.0, ErrorMessage = "Detection:ScaleFactor must be between {1} and {2}")]
    public double ScaleFactor { get; set; } = 1.1;

    /// <summary>Overlapping hits needed to keep a face; higher means fewer false faces. Default 5, range 0-50.</summary>
    [Range(0, 50, ErrorMessage = "Detection:MinNeighbors must be between {1} and {2}")]
    public int MinNeighbors { get; set; } = 5;

    /// <summary>
    /// Smallest face width to report, in full-resolution pixels of the detector's box. Default 24 (YuNet's box of a
    /// face about 3 m from a 640x480 camera with a 62 degree field of view), range 1-4096. It also sets the detection
    /// scale unless <see cref="DownscaleFactor"/> is given. With a cascade, its window (24 px) divided by the scale is
    /// the smallest face that can be found at all.
    /// </summary>
    [Range(1, 4096, ErrorMessage = "Detection:MinFaceSizePixels must be between {1} and {2}")]
    public int MinFaceSizePixels { get; set; } = 24;

    /// <summary>Largest face width to report, in full-resolution pixels; 0 = no limit. Default 0, range 0-8192.</summary>
    [Range(0, 8192, ErrorMessage = "Detection:MaxFaceSizePixels must be between {1} and {2}")]
    public int MaxFaceSizePixels { get; set; }

    /// <summary>
    /// Equalise the grayscale histogram before detection. Default false: on the composite scenes of
    /// docs/detector-study.md it cost precision (75.6% -> 65.8%) and recall. Kept for existing configuration files;
    /// <see cref="Contrast"/>, when set, takes precedence.
    /// </summary>
    public bool EqualizeHistogram { get; set; }

    /// <summary>
    /// Contrast enhancement of the detection frame: <c>None</c>, <c>Equalize</c> or <c>Clahe</c>. Default unset, which
    /// means <c>Equalize</c> when <see cref="EqualizeHistogram"/> is true and <c>None</c> when false (its default).
    /// </summary>
    public ContrastEnhancement? Contrast { get; set; }

    /// <summary>CLAHE's clip limit (contrast amplification cap per tile), used when <see cref="Contrast"/> is <c>Clahe</c>. Default 2, range 0.5-40.</summary>
    [Range(0.5, 40.0, ErrorMessage = "Detection:ClaheClipLimit must be between {1} and {2}")]
    public double ClaheClipLimit { get; set; } = 2.0;

    /// <summary>
    /// More cascade XML files run on the same detection frame after <see cref="CascadePath"/>, e.g. the LBP or alt2
    /// frontal-face cascades; their faces are merged with the first cascade's (see <see cref="MergeIouThreshold"/>).
    /// Default none. Relative paths resolve against the application's folder. Read once at start.
    /// </summary>
    public IList<string> AdditionalCascadePaths { get; set; } = [];

    /// <summary>
    /// A face from a later cascade (or the eye-pair fallback) that overlaps an earlier one by more than this IoU is the
    /// same face and is dropped. Default 0.3, range 0.05-0.95.
    /// </summary>
    [Range(0.05, 0.95, ErrorMessage = "Detection:MergeIouThreshold must be between {1} and {2}")]
    public double MergeIouThreshold { get; set; } = 0.3;

    /// <summary>
    /// Also look for pairs of eyes (with <see cref="EyeCascadePath"/>) and report a face around each pair that no cascade
    /// found. Eyes stay visible above a mask. Default false. Read once at start.
    /// </summary>
    public bool EyePairFallback { get; set; }

    /// <summary>The eye cascade used by <see cref="EyePairFallback"/>. Default Debian's <c>haarcascade_eye.xml</c>. Read once at start.</summary>
    public string EyeCascadePath { get; set; } = DefaultEyeCascadePath;

    /// <summary>The contrast enhancement in force: <see cref="Contrast"/> if set, else derived from <see cref="EqualizeHistogram"/>.</summary>
    public ContrastEnhancement EffectiveContrast =>
        Contrast ?? (EqualizeHistogram ? ContrastEnhancement.Equalize : ContrastEnhancement.None);

    /// <summary>The absolute cascade path: <see cref="CascadePath"/> resolved against the application's folder.</summary>
    public string ResolveCascadePath() => ResolvePath(CascadePath);

    /// <summary>Resolves a configured path against the application's folder, as <see cref="ResolveCascadePath"/> does.</summary>
    public static string ResolvePath(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));

    /// <summary>True when <see cref="Detector"/> names the Haar cascade rather than YuNet.</summary>
    public bool UsesHaar => string.Equals(Detector?.Trim(), HaarDetector, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Detector"/> names YuNet (the default).</summary>
    public bool UsesYuNet => string.Equals(Detector?.Trim(), YuNetDetector, StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings of the YuNet detector (<c>Detection:YuNet</c>), used when <see cref="Detector"/> is <c>yunet</c>.</summary>
    public YuNet.YuNetOptions YuNet { get; set; } = new();


    /// <summary>
    /// Look for new faces every this many frames (default 5, 1-30; 1 = scan the whole frame every frame, no
    /// scheduling). A look searches only the part of the frame that changed since the last look (the whole frame when
    /// most of it changed) and is skipped when nothing changed; faces already found are followed in small windows
    /// every frame. A new person is therefore found within this many frames. Reloads without a restart.
    /// </summary>
    [Range(1, 30, ErrorMessage = "Detection:FullScanEveryFrames must be 1-30 frames")]
    public int FullScanEveryFrames { get; set; } = 5;

    /// <summary>
    /// Scan the whole frame at least every this many frames even when nothing seems to change, in case a face came in
    /// too small or too slowly for the motion test (default 30, 1-3000, at least <see cref="FullScanEveryFrames"/>).
    /// </summary>
    [Range(1, 3000, ErrorMessage = "Detection:FullScanAtLeastEveryFrames must be 1-3000 frames")]
    public int FullScanAtLeastEveryFrames { get; set; } = 30;

    /// <summary>Margin around a known face, as a fraction of its size on each side, of the window searched between looks (default 0.5, 0.1-2).</summary>
    [Range(0.1, 2.0, ErrorMessage = "Detection:RegionMarginFraction must be 0.1-2")]
    public double RegionMarginFraction { get; set; } = 0.5;

    /// <summary>
    /// Grey-level change (0-255) of a pixel of the motion thumbnail (the frame shrunk so the smallest face is about
    /// 6 pixels wide, which also averages out sensor noise) since the last look, above which the pixel counts as
    /// changed. Default 10, 0-100; 0 = no motion test: every look scans the whole frame.
    /// </summary>
    [Range(0.0, 100.0, ErrorMessage = "Detection:MotionThreshold must be 0-100 grey levels")]
    public double MotionThreshold { get; set; } = 10.0;
}
