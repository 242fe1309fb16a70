using EdgeMask.Core.Faces;

namespace EdgeMask.Analysis;

/// <summary>What vision found in one frame, and how long each stage took.</summary>
/// <param name="Analysis">Faces with their verdicts: the input of scene logic.</param>
/// <param name="DetectionTime">Time spent finding faces.</param>
/// <param name="ClassificationTime">Time spent classifying them (zero without faces).</param>
public sealed record AnalyzedFrame(FrameAnalysis Analysis, TimeSpan DetectionTime, TimeSpan ClassificationTime);
