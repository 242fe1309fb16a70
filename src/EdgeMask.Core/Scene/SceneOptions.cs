using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Core.Scene;

/// <summary>Scene logic settings (tracking, verdicts, distance, incidents, summaries), bound from the <c>Scene</c> section.</summary>
/// <remarks>Read again on every frame, so edits to the configuration file apply without a restart.</remarks>
public sealed class SceneOptions
{
    public const string SectionName = "Scene";

    /// <summary>A track ends when its face has not been seen for this long (frame time). Default 1 s, range 0.05 s-60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00", ErrorMessage = "Scene:TrackMaxUnseen must be between {1} and {2}")]
    public TimeSpan TrackMaxUnseen { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Frames a new track must be matched in before it counts as a person (reported, measured, summarised);
    /// filters one-frame false detections. Default 3, range 1-100.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Scene:TrackConfirmFrames must be between {1} and {2}")]
    public int TrackConfirmFrames { get; set; } = 3;

    /// <summary>A face may continue a track when the boxes overlap at least this much (intersection over union). Default 0.2, range 0-1.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Scene:MatchMinIou must be between {1} and {2}")]
    public double MatchMinIou { get; set; } = 0.2;

    /// <summary>
    /// ... or when its centre is within this many face widths of where the track was expected to be.
    /// Default 1.0, range 0.1-10.
    /// </summary>
    [Range(0.1, 10.0, ErrorMessage = "Scene:MatchMaxCenterDistanceFaceWidths must be between {1} and {2}")]
    public double MatchMaxCenterDistanceFaceWidths { get; set; } = 1.0;

    /// <summary>The verdict of a track looks at its last n classified frames. Default 10, range 1-300.</summary>
    [Range(1, 300, ErrorMessage = "Scene:VerdictWindowFrames must be between {1} and {2}")]
    public int VerdictWindowFrames { get; set; } = 10;

    /// <summary>
    /// A class becomes the verdict when its confidence-weighted votes in the window reach k (each frame votes
    /// its confidence, so k = 6 needs e.g. 6 frames at 100% or 8 at 75%). Default 6, range 1-300, at most
    /// <see cref="VerdictWindowFrames"/>.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Scene:VerdictMinFrames must be between {1} and {2}")]
    public int VerdictMinFrames { get; set; } = 6;

    /// <summary>How distances between people are measured. Default <see cref="DistanceMode.Metric"/>.</summary>
    public DistanceMode DistanceMode { get; set; } = DistanceMode.Metric;

    /// <summary>Real width of a face in metres, the W of the pinhole model. Default 0.15, range 0.05-0.5.</summary>
    [Range(0.05, 0.5, ErrorMessage = "Scene:FaceWidthMeters must be between {1} and {2}")]
    public double FaceWidthMeters { get; set; } = 0.15;

    /// <summary>
    /// The camera's horizontal field of view, used for the focal length when <see cref="FocalLengthPixels"/> is not set.
    /// Default 62.2 (Raspberry Pi camera v2), range 1-179.
    /// </summary>
    [Range(1.0, 179.0, ErrorMessage = "Scene:HorizontalFieldOfViewDegrees must be between {1} and {2}")]
    public double HorizontalFieldOfViewDegrees { get; set; } = 62.2;

    /// <summary>
    /// Focal length in pixels at the capture resolution, as measured by <c>edgemask calibrate</c>; wins over the
    /// field of view when set. Default not set, range 1-100000.
    /// </summary>
    [Range(1.0, 100_000.0, ErrorMessage = "Scene:FocalLengthPixels must be between {1} and {2}")]
    public double? FocalLengthPixels { get; set; }

    /// <summary>
    /// People closer than this are too close (metric mode). Default 1.5, range 0.1-20. A runtime override
    /// (MQTT command) wins while it is set.
    /// </summary>
    [Range(0.1, 20.0, ErrorMessage = "Scene:MinDistanceMeters must be between {1} and {2}")]
    public double MinDistanceMeters { get; set; } = 1.5;

    /// <summary>Face centres closer than this many pixels are too close (pixel mode only). Default 130, range 1-10000.</summary>
    [Range(1.0, 10_000.0, ErrorMessage = "Scene:MinDistancePixels must be between {1} and {2}")]
    public double MinDistancePixels { get; set; } = 130;

    /// <summary>Two people must stay too close this long before a distance incident starts. Default 2 s, range 0-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Scene:DistanceViolationMinDuration must be between {1} and {2}")]
    public TimeSpan DistanceViolationMinDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A no-mask verdict must hold this long before a mask incident starts. Default 1 s, range 0-10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Scene:MaskViolationMinDuration must be between {1} and {2}")]
    public TimeSpan MaskViolationMinDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a mask worn below the nose or on the chin is a mask violation (and counts as unmasked). Default true.</summary>
    public bool WornIncorrectlyIsViolation { get; set; } = true;

    /// <summary>
    /// An incident ends once its condition has been clear this long, so a noisy measurement near the threshold
    /// does not split it in two. It ends at once when its people leave. Default 1 s, range 0-10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Scene:IncidentClearDuration must be between {1} and {2}")]
    public TimeSpan IncidentClearDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A new number of people in view is reported only after it has held this long, so the count does not flap while
    /// tracks are confirmed and lost. Incidents and signals do not wait for it. Default 3 s, range 0-1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Scene:PeopleCountSettle must be between {1} and {2}")]
    public TimeSpan PeopleCountSettle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After an incident ends, no new incident of the same kind starts for the same person or pair for this long. Default 30 s, range 0-1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Scene:IncidentCooldown must be between {1} and {2}")]
    public TimeSpan IncidentCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between two update events of one incident; updates are sent only when something changed. Default 5 s, range 0.1 s-1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "Scene:IncidentUpdateInterval must be between {1} and {2}")]
    public TimeSpan IncidentUpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Length of a summary period, aligned to UTC (1 h periods start on the hour); 0 turns summaries off. Default 1 h, range 0 or 1 s-7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Scene:SummaryPeriod must be between {1} and {2}")]
    public TimeSpan SummaryPeriod { get; set; } = TimeSpan.FromHours(1);
}
