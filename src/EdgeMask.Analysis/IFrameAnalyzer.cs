using OpenCvSharp;

namespace EdgeMask.Analysis;

/// <summary>
/// Everything vision does to one frame: find the faces, classify them, pair each face with its verdict. The daemon,
/// <c>replay</c>, <c>bench</c> and <c>evaluate</c> all analyse frames through this, so they measure what the daemon runs.
/// </summary>
/// <remarks>Called from one thread (the frame loop); the stages keep scratch buffers between calls.</remarks>
public interface IFrameAnalyzer
{
    /// <param name="bgrFrame">A full-resolution 8-bit BGR frame.</param>
    AnalyzedFrame Analyze(Mat bgrFrame, long sequence, DateTimeOffset timestamp);
}
